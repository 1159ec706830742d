// A waiting Codex whose connection drops while its prompt is on the way: before any byte of the answer, in the middle
// of the body, or right after it. The rule: a prompt is handed once its answer starts to leave; until the thread
// confirms receipt (a conclusion, or a wait that acknowledges it) every wait gets the same prompt again. So whatever
// the client got, the prompt is never lost, never doubled in the conversation, and never given to anyone else.
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionId } from '../../src/shared/ids.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { until } from '../helpers/until.js';

const THREAD = '019a0000-0000-7000-8000-00000000d7d7';
const codex = (suffix = '') => `/api/codex/sessions/by-thread/${THREAD}${suffix}`;
let ts: TestServer;
let sessionId: string;

beforeEach(async () => {
  ts = await startTestServer();
  const [, body] = await ts.call('POST', codex(), { title: 'drops' });
  sessionId = body.session.id;
});
afterEach(async () => {
  await ts.close();
});

/** Sends a wait over a raw socket and destroys it once `bytes` of the answer arrived (0: as soon as it is parked). */
function waitAndDrop(bytes: number | 'all'): Promise<number> {
  const { hostname, port } = new URL(ts.apiUrl);
  const body = JSON.stringify({ timeoutMs: 10_000 });
  return new Promise((resolve, reject) => {
    let got = 0;
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST ${codex('/wait')} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${ts.token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
    socket.on('data', (chunk) => {
      got += chunk.length;
      const text = chunk.toString('latin1');
      const done = bytes === 'all' ? text.endsWith('}') : got >= bytes;
      if (done) {
        socket.destroy();
        resolve(got);
      }
    });
    socket.on('error', reject);
    if (bytes === 0) {
      void until('the waiter', () => ts.server.ctx.delivery.waiterCount(sessionId as never) === 1, 5_000).then(() => {
        socket.destroy();
        resolve(0);
      }, reject);
    }
  });
}

const queue = (content: string) => ts.call('POST', `/api/sessions/${sessionId}/prompts`, { content });
const detail = async () => (await ts.call('GET', `/api/sessions/${sessionId}`))[1].session;

describe('a connection dropped during the hand-off', () => {
  it('at 0 %: the prompt was never taken and goes to the next wait, once', async () => {
    expect(await waitAndDrop(0)).toBe(0);
    await until('waiter gone', () => ts.server.ctx.delivery.waiterCount(sessionId as never) === 0, 5_000);
    const [, queued] = await queue('first');
    expect((await detail()).queue).toMatchObject([{ id: queued.prompt.id, state: 'queued' }]);
    const [, next] = await ts.call('POST', codex('/wait'), { timeoutMs: 500 });
    expect(next.instruction.id).toBe(queued.prompt.id);
    await ts.call('POST', codex('/conclusion'), { content: 'done' });
    expect((await detail()).timeline.map((e: { role: string }) => e.role)).toEqual(['user', 'codex']);
  });

  for (const [where, bytes] of [
    ['mid-body', 4096],
    ['after the body', 'all'],
  ] as const) {
    it(`${where}: the prompt is handed, the next wait gets the same one, and the conversation shows it once`, async () => {
      // Big enough that the answer cannot arrive in one piece.
      const content = `big ${'x'.repeat(900_000)}`;
      const [, queued] = await queue(content);
      await queue('second');
      const got = await waitAndDrop(bytes);
      expect(got).toBeGreaterThan(0);
      if (bytes !== 'all') expect(got).toBeLessThan(content.length);
      const handed = (await detail()).queue.find((i: { id: string }) => i.id === queued.prompt.id);
      expect(handed.state).toBe('handed');
      const [, again] = await ts.call('POST', codex('/wait'), { timeoutMs: 500 });
      expect(again.instruction.id).toBe(queued.prompt.id);
      expect(again.instruction.text).toBe(content);
      await ts.call('POST', codex('/conclusion'), { content: 'done' });
      const [, next] = await ts.call('POST', codex('/wait'), { timeoutMs: 500 });
      expect(next.instruction.content).toBe('second');
      // The whole stored conversation: the session's first page stops short of a 900 KB prompt.
      const timeline = ts.server.ctx.store.timeline.list(sessionId as SessionId);
      expect(timeline.filter((e) => e.promptId === queued.prompt.id)).toHaveLength(1);
      expect(timeline.map((e) => e.role)).toEqual(['user', 'codex', 'user']);
    });
  }
});
