// Timelines are paged by key over real HTTP: the detail carries the newest page, "before" walks back, and every entry
// arrives exactly once, in order, even while Codex keeps concluding during the walk. Pages stay bounded in bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, decodeAnswer, MAX_PAGE_ENTRIES, PAGE_BYTES, PAGE_ENTRIES } from '../../src/shared/api.js';
import type { ThreadId } from '../../src/shared/ids.js';
import type { TimelineEntry } from '../../src/shared/schemas.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

let threads = 0;
/** A session with `n` conclusions, stored through Delivery as Codex would. */
function sessionWith(n: number, content: (i: number) => string = (i) => `conclusion ${i}`) {
  const thread = `0198a5f2-0000-7000-8000-${String(++threads).padStart(12, '0')}` as ThreadId;
  const { delivery } = ts.server.ctx;
  const sessionId = delivery.attach(thread, 'paging').id;
  for (let i = 0; i < n; i++) delivery.conclude(thread, content(i));
  return { thread, sessionId };
}

async function get<E extends (typeof api)['sessionDetail'] | (typeof api)['timelinePage']>(endpoint: E, path: string) {
  const res = await ts.api(path);
  return decodeAnswer(endpoint, res.status, await res.json());
}

const seqs = (entries: TimelineEntry[]) => entries.map((e) => e.seq);

describe('session detail and timeline pages', () => {
  it('gives the newest page in the detail and every earlier entry exactly once, in order, while conclusions keep arriving', async () => {
    const { thread, sessionId } = sessionWith(230);
    const detail = await get(api.sessionDetail, `/api/sessions/${sessionId}?limit=40`);
    expect(detail.session.timeline).toHaveLength(40);
    expect(detail.hasEarlier).toBe(true);
    const newestHeld = detail.session.timeline.at(-1)?.seq as number;

    const pages: TimelineEntry[][] = [detail.session.timeline];
    let hasEarlier = detail.hasEarlier;
    let appended = 0;
    while (hasEarlier) {
      const before = pages[0]?.[0]?.seq as number;
      // Codex concludes over HTTP at the same moment the next page is read.
      const [page] = await Promise.all([
        get(api.timelinePage, `/api/sessions/${sessionId}/timeline?before=${before}&limit=40`),
        ...[0, 1, 2].map(async () => {
          const [status] = await ts.call('POST', `/api/codex/sessions/by-thread/${thread}/conclusion`, { content: 'meanwhile' });
          expect(status).toBe(201);
          appended++;
        }),
      ]);
      expect(page.entries.length).toBeGreaterThan(0);
      pages.unshift(page.entries);
      hasEarlier = page.hasEarlier;
    }
    const walked = seqs(pages.flat());
    const stored = ts.server.ctx.store.timeline.list(sessionId);
    expect(walked).toEqual(seqs(stored.filter((e) => e.seq <= newestHeld)));
    expect(new Set(walked).size).toBe(230);
    expect(stored.length).toBe(230 + appended);
    // What arrived meanwhile is exactly what a fresh newest page holds past what was held.
    const fresh = await get(api.timelinePage, `/api/sessions/${sessionId}/timeline?limit=${appended}`);
    expect(fresh.entries.every((e) => e.seq > newestHeld && e.content === 'meanwhile')).toBe(true);
  });

  it('defaults to the newest PAGE_ENTRIES and reports nothing earlier for a short session', async () => {
    const long = sessionWith(PAGE_ENTRIES + 5);
    const detail = await get(api.sessionDetail, `/api/sessions/${long.sessionId}`);
    expect(detail.session.timeline.map((e) => e.content)).toEqual(Array.from({ length: PAGE_ENTRIES }, (_, i) => `conclusion ${i + 5}`));
    expect(detail.hasEarlier).toBe(true);
    const short = sessionWith(3);
    const whole = await get(api.sessionDetail, `/api/sessions/${short.sessionId}`);
    expect(whole.session.timeline).toHaveLength(3);
    expect(whole.hasEarlier).toBe(false);
    const empty = await get(api.timelinePage, `/api/sessions/${short.sessionId}/timeline?before=${whole.session.timeline[0]?.seq}`);
    expect(empty).toEqual({ ok: true, entries: [], hasEarlier: false });
  });

  it('stops a page at about PAGE_BYTES of content but always gives at least one entry', async () => {
    const big = sessionWith(40, (i) => `${i} ${'x'.repeat(20_000)}`);
    const page = await get(api.timelinePage, `/api/sessions/${big.sessionId}/timeline?limit=${MAX_PAGE_ENTRIES}`);
    const bytes = page.entries.reduce((n, e) => n + Buffer.byteLength(e.content), 0);
    expect(bytes).toBeLessThanOrEqual(PAGE_BYTES);
    expect(bytes + 20_010).toBeGreaterThan(PAGE_BYTES);
    expect(page.hasEarlier).toBe(true);
    expect(page.entries.at(-1)?.content.startsWith('39 ')).toBe(true);

    const huge = sessionWith(2, () => 'y'.repeat(PAGE_BYTES * 2));
    const one = await get(api.timelinePage, `/api/sessions/${huge.sessionId}/timeline`);
    expect(one.entries).toHaveLength(1);
    expect(one.hasEarlier).toBe(true);
  });

  it('refuses a limit or cursor that is not a positive whole number, and an unknown session', async () => {
    const { sessionId } = sessionWith(1);
    for (const query of ['limit=0', `limit=${MAX_PAGE_ENTRIES + 1}`, 'limit=ten', 'before=-3', 'before=1.5']) {
      const [status, body] = await ts.call('GET', `/api/sessions/${sessionId}/timeline?${query}`);
      expect([query, status, body.code]).toEqual([query, 400, 'bad_request']);
    }
    const [status, body] = await ts.call('GET', '/api/sessions/00000000-0000-4000-8000-000000000000/timeline');
    expect([status, body.code]).toEqual([404, 'session_not_found']);
  });
});
