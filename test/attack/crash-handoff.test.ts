// kill -9 inside the hand-off: the server dies right before, during or after writing a prompt to the waiting Codex,
// or right after storing a conclusion, again and again. Codex (the real MCP loop client, which retries across
// restarts) must get every prompt exactly once, in order, and every conclusion must be stored exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoopClient } from '../../src/mcp/loop-client.js';
import type { ThreadId } from '../../src/shared/ids.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { apiCaller } from '../helpers/test-server.js';

const roots: string[] = [];
const running = new Set<ServerProcess>();
afterAll(() => {
  for (const server of running) server.child.kill('SIGKILL');
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const PROMPTS = 8;

/** Keeps a server running: whenever the armed crash point kills it, a new one starts on the same data root. */
function keepAlive(root: string, env: Record<string, string>) {
  let stopped = false;
  let crashes = 0;
  let current: Promise<ServerProcess> = start();
  function start(): Promise<ServerProcess> {
    const next = startServerProcess(root, env);
    void next.then((server) => {
      running.add(server);
      void server.exited.then((how) => {
        running.delete(server);
        if (stopped) return;
        if (how === 'SIGKILL') crashes++;
        current = start();
      });
    });
    return next;
  }
  return {
    ready: () => current,
    crashes: () => crashes,
    async stop() {
      stopped = true;
      const server = await current;
      server.child.kill('SIGKILL');
      await server.exited;
    },
  };
}

describe.each(['handoff-before-write', 'handoff-after-write', 'handoff-after-finish', 'conclusion-stored'])('kill -9 at %s', (point) => {
  it('delivers every prompt once, in order, and stores every conclusion once', { timeout: 120_000 }, async () => {
    const root = mkdtempSync(join(tmpdir(), 'cpm-crash-'));
    roots.push(root);
    const thread = '019a0000-0000-7000-8000-00000000c0de' as ThreadId;
    // A clean first start queues the prompts; every later start dies at the crash point about half the time.
    const first = await startServerProcess(root);
    const call = apiCaller(first.apiUrl, first.token);
    const [, attached] = await call('POST', `/api/codex/sessions/by-thread/${thread}`, { title: 'crash test' });
    const sessionId = attached.session.id as string;
    const queued: string[] = [];
    for (let i = 0; i < PROMPTS; i++) {
      const [status, body] = await call('POST', `/api/sessions/${sessionId}/prompts`, { content: `prompt ${i}` });
      expect(status).toBe(201);
      queued.push(body.prompt.id);
    }
    first.child.kill('SIGTERM');
    await first.exited;

    const servers = keepAlive(root, { CODEX_PRO_MAX_TEST_CRASH: point, CODEX_PRO_MAX_TEST_CRASH_RATE: '0.5' });
    await servers.ready();
    const loop = new LoopClient(root, { boundMs: 60_000, sliceMs: 5_000, attachRetryMs: 60_000 });
    const received: string[] = [];
    for (let turn = 0; received.length < PROMPTS && turn < PROMPTS * 3; turn++) {
      const wait = await loop.waitForInstruction(thread);
      if ('unreachable' in wait) throw new Error(wait.unreachable);
      if (wait.status !== 'instruction' || !wait.instruction) continue;
      received.push(wait.instruction.id);
      await loop.conclude(thread, `done with ${wait.instruction.text}`);
    }
    await servers.stop();
    expect(servers.crashes()).toBeGreaterThan(0);

    const check = await startServerProcess(root);
    running.add(check);
    const [, detail] = await apiCaller(check.apiUrl, check.token)('GET', `/api/sessions/${sessionId}`);
    check.child.kill('SIGTERM');
    await check.exited;

    expect(received).toEqual(queued);
    const timeline = detail.session.timeline as { role: string; content: string; promptId: string | null }[];
    expect(timeline.filter((e) => e.role === 'user').map((e) => e.promptId)).toEqual(queued);
    expect(timeline.filter((e) => e.role === 'codex').map((e) => e.content)).toEqual(queued.map((_, i) => `done with prompt ${i}`));
    expect(detail.session.queue).toEqual([]);
  });
});
