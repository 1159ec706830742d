// The helper script's contract on its own (no codex): commands, exit codes 0/2/3/4/5 and messages, against a real server.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rig, startRig } from '../helpers/rig.js';
import { startTestServer } from '../helpers/test-server.js';
import { PROJECT } from './loop-support.js';

const CPM = join(PROJECT, 'skill', 'codex-pro-max', 'scripts', 'cpm.mjs');
const THREAD = '01a1ffb8-3b52-7210-bc08-d800a4ba53c1';

function cpm(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [CPM, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, out, err) => {
        done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe('cpm.mjs', () => {
  let ts: Rig;
  let env: Record<string, string>;
  beforeAll(async () => {
    ts = await startRig();
    env = { CODEX_PRO_MAX_ROOT: ts.dataRoot, CODEX_THREAD_ID: THREAD };
  });
  afterAll(async () => {
    await ts.close();
  });

  it('runs start → conclude → wait (nothing yet = 4, prompt = 0, stopped = 3)', async () => {
    const start = await cpm(['start', '--title', 'Helper session'], env);
    expect(start.code, start.err).toBe(0);
    expect(start.out).toContain('"Helper session" is ready');

    const conclude = await cpm(['conclude'], env, 'Line one with "quotes" and $dollars\n```code```\n');
    expect(conclude.code, conclude.err).toBe(0);
    const [, list] = await ts.call('GET', '/api/sessions');
    const session = list.sessions[0];
    expect(session).toMatchObject({
      title: 'Helper session',
      threadId: THREAD,
      latestConclusion: 'Line one with "quotes" and $dollars\n```code```\n',
    });

    const idle = await cpm(['wait', '--seconds', '0.3'], env);
    expect(idle.code).toBe(4);
    expect(idle.err).toContain('Run "wait" again');

    await ts.call('POST', `/api/sessions/${session.id}/prompts`, { content: 'Next: do X' });
    const got = await cpm(['wait'], env);
    expect(got.code, got.err).toBe(0);
    expect(got.out).toMatch(/=== Codex Pro Max: next prompt \(id [0-9a-f-]+\) ===\nNext: do X\n=== end of prompt ===/);

    // A repeated wait before the next conclusion hands back the same prompt (nothing lost if the first output was).
    const again = await cpm(['wait', '--json'], env);
    expect(JSON.parse(again.out).instruction.text).toBe('Next: do X');

    expect((await cpm(['conclude'], env, 'Did X')).code).toBe(0);
    const waiting = cpm(['wait'], env);
    await ts.until('the helper to wait', () => ts.server.ctx.delivery.waiterCount(session.id) > 0);
    await ts.call('POST', `/api/sessions/${session.id}/stop`);
    const stopped = await waiting;
    expect(stopped.code).toBe(3);
    expect(stopped.err).toContain('do not run "wait" again');
  });

  it('reads the conclusion from --file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpm-file-'));
    try {
      const file = join(dir, 'c.md');
      writeFileSync(file, 'From a file');
      const other = { ...env, CODEX_THREAD_ID: '01a1ffb8-3b52-7210-bc08-d800a4ba5300' };
      expect((await cpm(['conclude', '--file', file], other)).code).toBe(0);
      const [, list] = await ts.call('GET', '/api/sessions');
      expect(list.sessions.some((s: any) => s.latestConclusion === 'From a file')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['no command', [], {}, 2, 'Usage'],
    ['unknown option', ['wait', '--bogus'], {}, 2, 'Unknown option'],
    ['no thread id', ['start'], { CODEX_THREAD_ID: '' }, 2, 'CODEX_THREAD_ID'],
    ['empty conclusion', ['conclude'], {}, 2, 'empty'],
  ])('usage errors: %s', async (_name, args, extra, code, text) => {
    const result = await cpm(args, { ...env, ...extra }, '');
    expect(result.code).toBe(code);
    expect(result.err).toContain(text);
  });

  it('exits 5 with advice when the server is not running, naming the sandbox when Codex disabled the network', async () => {
    const nowhere = mkdtempSync(join(tmpdir(), 'cpm-none-'));
    try {
      const down = await cpm(['start'], { CODEX_PRO_MAX_ROOT: nowhere, CODEX_THREAD_ID: THREAD, CODEX_PRO_MAX_RETRY_SECONDS: '0' });
      expect(down.code).toBe(5);
      expect(down.err).toContain('"npm start" in the Codex Pro Max folder');
      // server.json pointing at a closed port, as seen from inside Codex's network-less sandbox.
      writeFileSync(join(nowhere, 'server.json'), JSON.stringify({ apiUrl: 'http://127.0.0.1:9', uiUrl: 'http://127.0.0.1:9' }));
      writeFileSync(join(nowhere, 'token'), 'x'.repeat(40));
      const sandboxed = await cpm(['wait'], {
        CODEX_PRO_MAX_ROOT: nowhere,
        CODEX_THREAD_ID: THREAD,
        CODEX_SANDBOX_NETWORK_DISABLED: '1',
        CODEX_PRO_MAX_RETRY_SECONDS: '0',
      });
      expect(sandboxed.code).toBe(5);
      expect(sandboxed.err).toContain('sandbox blocks network connections');
      expect(sandboxed.err).toContain('"npm run setup" in the Codex Pro Max folder');
    } finally {
      rmSync(nowhere, { recursive: true, force: true });
    }
  });

  it('stops at once, with the reason, when the server answers that it cannot save (no retrying)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cpm-lost-db-'));
    const lost = await startTestServer({ dataRoot: root });
    try {
      rmSync(join(root, 'codex-pro-max.sqlite3'));
      const started = Date.now();
      // The retry bound is long on purpose: a helper that retried would run into the 30 s process timeout.
      const result = await cpm(['conclude'], { CODEX_PRO_MAX_ROOT: root, CODEX_THREAD_ID: THREAD, CODEX_PRO_MAX_RETRY_SECONDS: '60' }, 'x');
      expect(result.code).toBe(1);
      expect(result.err).toContain('was deleted while Codex Pro Max was running');
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await lost.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
