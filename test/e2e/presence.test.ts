// Presence end to end: the real MCP server process (bin/codex-pro-max.js mcp, as Codex starts it) and the real codex
// against the fake model. When that process is killed, its stdin closes, or its Codex is interrupted, the session
// says its Codex is gone within a bound, and a prompt sent then says it is queued for a Codex that is not connected.
import { type ChildProcess, spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESENCE_GRACE_MS, QUEUED_NOT_CONNECTED } from '../../src/delivery/presence.js';
import type { SessionId } from '../../src/shared/ids.js';
import { execArgs, NEWEST_CODEX, spawnCodex } from '../fixtures/codex-env.js';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { type Rig, startRig } from '../helpers/rig.js';
import { until } from '../helpers/until.js';
import { BIN, type LoopRig, lastCall, mcpResult, startLoopRig } from './loop-support.js';

const THREAD = '019c0000-0000-7000-8000-0000000000a1';
/** Gone must show within the grace period plus this much (process exit, the poll, one HTTP call). */
const BOUND_MS = PRESENCE_GRACE_MS + 5_000;

let rig: Rig | LoopRig | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await rig?.close();
  rig = undefined;
});

/** Starts the MCP server as Codex does (stdio pipes) and speaks MCP to it; the test owns its stdin and its pid. */
async function startMcpProcess(dataRoot: string) {
  const proc = spawn(process.execPath, [BIN, 'mcp'], {
    env: { ...process.env, CODEX_PRO_MAX_ROOT: dataRoot, CODEX_PRO_MAX_WAIT_SECONDS: '600' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child = proc;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  // The stdio framing is the same both ways, so the server-side transport over the child's pipes is a client transport.
  const client = new Client({ name: 'presence-test', version: '1' });
  await client.connect(new StdioServerTransport(proc.stdout, proc.stdin));
  const call = (name: string, args: Record<string, unknown> = {}) =>
    client.callTool({ name, arguments: args, _meta: { threadId: THREAD } }, undefined, { timeout: 600_000 });
  return { proc, exited, call };
}

async function sessionWaiting(r: Rig): Promise<SessionId> {
  return r.until('a session whose Codex waits', () => {
    const s = r.server.ctx.store.sessions.list()[0];
    return s?.presence === 'waiting' ? s.id : undefined;
  });
}

async function expectGoneWithin(r: Rig, id: SessionId, since: number) {
  await r.until('the session to say its Codex is gone', () => r.server.ctx.delivery.summary(id).presence === 'gone', BOUND_MS);
  return Date.now() - since;
}

/** A prompt sent to a session whose Codex has gone does not claim to run; it says it waits for Codex to come back. */
async function expectQueuedNotConnected(r: Rig, id: SessionId) {
  const before = r.server.ctx.delivery.summary(id).status;
  const [status, body] = await r.call('POST', `/api/sessions/${id}/prompts`, { content: 'Are you still there?' });
  expect(status).toBe(201);
  expect(body.session).toMatchObject({ presence: 'gone', statusDetail: QUEUED_NOT_CONNECTED, queuedCount: 1, status: before });
  expect(body.session.status).not.toBe('RUNNING');
}

describe('presence with the real MCP server process', () => {
  it('killed while it waits (SIGKILL: no last word), the session is gone after the grace period', async () => {
    rig = await startRig();
    const mcp = await startMcpProcess(rig.dataRoot);
    await mcp.call('start_session', { title: 'Presence' });
    void mcp.call('wait_for_instruction').catch(() => null);
    const id = await sessionWaiting(rig);
    // While that Codex waits, Continue here would fork the thread: refused.
    const [refusedStatus, refused] = await rig.call('POST', `/api/sessions/${id}/drive/continue-here`);
    expect([refusedStatus, refused.code]).toEqual([409, 'drive_refused']);
    const killedAt = Date.now();
    mcp.proc.kill('SIGKILL');
    await mcp.exited;
    const took = await expectGoneWithin(rig, id, killedAt);
    // No "gone" call could be sent: the dropped wait and the silence after it are what said it.
    expect(rig.server.ctx.store.events.list(id).some((e) => e.type === 'codex.gone')).toBe(false);
    expect(took).toBeGreaterThanOrEqual(PRESENCE_GRACE_MS - 100);
    await expectQueuedNotConnected(rig, id);
    const [, listed] = await rig.call('GET', '/api/sessions');
    expect(listed.sessions[0].presence).toBe('gone');
  }, 60_000);

  it('when its stdin closes (its Codex ended), it says so before exiting: gone at once, without the grace period', async () => {
    rig = await startRig();
    const mcp = await startMcpProcess(rig.dataRoot);
    await mcp.call('start_session', { title: 'Presence' });
    void mcp.call('wait_for_instruction').catch(() => null);
    const id = await sessionWaiting(rig);
    const gone = rig.nextChange((c) => c.sessionId === id && c.type === 'presence.changed' && c.session?.presence === 'gone', BOUND_MS);
    mcp.proc.stdin?.end();
    await gone;
    expect(rig.server.ctx.store.events.list(id).find((e) => e.type === 'codex.gone')?.payload).toEqual({ reason: 'stdin_closed' });
    // And it does not outlive its Codex, although its long poll was still open.
    await until('the MCP server process to exit', () => mcp.proc.exitCode !== null || mcp.proc.signalCode !== null, BOUND_MS);
    await expectQueuedNotConnected(rig, id);
  }, 60_000);
});

describe(`presence with the real codex ${NEWEST_CODEX}`, () => {
  it('Ctrl+C on the Codex that waits: the session is gone within the bound, and Stop + send says not connected', async () => {
    const NS = 'mcp__codex_pro_max';
    const call = (name: string, args: unknown): ModelReply => ({
      steps: [{ type: 'function_call', namespace: NS, name, arguments: args }],
    });
    const model = (req: ModelRequest): ModelReply => {
      const last = lastCall(req);
      if (!last) return call('start_session', { title: 'Interrupted' });
      if (last.name === 'start_session') return call('submit_conclusion', { conclusion: 'Ready' });
      const result = mcpResult(req.lastToolOutput());
      if (result?.status === 'instruction') return call('submit_conclusion', { conclusion: `Done: ${result.instruction.content}` });
      return call('wait_for_instruction', {});
    };
    const loop = await startLoopRig(model);
    rig = loop;
    const codex = spawnCodex(execArgs('Wait for prompts.'), {
      codexHome: loop.codexHome,
      cwd: loop.workDir,
      version: NEWEST_CODEX,
      timeoutMs: 120_000,
    });
    const id = await sessionWaiting(loop);
    expect(loop.server.ctx.delivery.summary(id).status).toBe('WAITING_FOR_INSTRUCTION');
    const interruptedAt = Date.now();
    codex.child.kill('SIGINT');
    await codex.done;
    const took = await expectGoneWithin(loop, id, interruptedAt);
    console.log(`gone ${took} ms after Ctrl+C on codex (bound ${BOUND_MS} ms)`);
    await expectQueuedNotConnected(loop, id);
  }, 150_000);
});
