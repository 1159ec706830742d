// The session list over real HTTP, paged by key: pages in the same order as the whole list with no session twice or
// missing, a session that moves up meanwhile is not repeated, and a bad cursor or limit is a 400 with its code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rig, startRig } from '../helpers/rig.js';
import { seedSessions } from '../ui/seed.js';

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
  seedSessions(rig, 250, 'Paged');
});

afterAll(async () => {
  await rig?.close();
});

const ids = (sessions: { id: string }[]) => sessions.map((s) => s.id);

async function allPages(limit: number, onPage?: (n: number) => Promise<void>): Promise<string[][]> {
  const pages: string[][] = [];
  let after: string | null = null;
  do {
    const query: string = after ? `?limit=${limit}&after=${encodeURIComponent(after)}` : `?limit=${limit}`;
    const [status, body] = await rig.call('GET', `/api/sessions${query}`);
    expect(status).toBe(200);
    pages.push(ids(body.sessions));
    after = body.next;
    await onPage?.(pages.length);
  } while (after);
  return pages;
}

describe('GET /api/sessions paged', () => {
  it('without a limit answers every session and no cursor', async () => {
    const [status, body] = await rig.call('GET', '/api/sessions');
    expect(status).toBe(200);
    expect(body.sessions).toHaveLength(250);
    expect(body.next).toBeNull();
  });

  it('pages of 100 are the whole list in order, each session once, the last page without a cursor', async () => {
    const [, whole] = await rig.call('GET', '/api/sessions');
    const pages = await allPages(100);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(pages.flat()).toEqual(ids(whole.sessions));
  });

  it('a session that moves to the top while pages are read is not read twice', async () => {
    const [, whole] = await rig.call('GET', '/api/sessions');
    const last = whole.sessions.at(-1);
    const first = whole.sessions[0];
    const pages = await allPages(100, async (n) => {
      // After the first page: the oldest session gets a conclusion (it moves above the cursor), the newest one too.
      if (n === 1) {
        await rig.call('POST', `/api/codex/sessions/by-thread/${last.threadId}/conclusion`, { content: 'moved up' });
        await rig.call('POST', `/api/codex/sessions/by-thread/${first.threadId}/conclusion`, { content: 'moved up too' });
      }
    });
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(last.id);
    expect(seen.filter((id) => id === first.id)).toHaveLength(1);
  });

  it('refuses a cursor it did not make and a limit out of range, in plain words with a code', async () => {
    for (const query of ['?limit=10&after=not-a-cursor', '?after=' + Buffer.from('[1,2]').toString('base64url')]) {
      const [status, body] = await rig.call('GET', `/api/sessions${query}`);
      expect(status).toBe(400);
      expect(body.code).toBe('bad_request');
      expect(body.error).toMatch(/"after" must be the "next" cursor/);
    }
    for (const limit of ['0', '5001', 'many']) {
      const [status, body] = await rig.call('GET', `/api/sessions?limit=${limit}`);
      expect(status).toBe(400);
      expect(body.code).toBe('bad_request');
      expect(body.error).toMatch(/"limit"/);
    }
  });
});
