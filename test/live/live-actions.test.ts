// Acting on a terminal's live thread from here, against the real daemon for every supported Codex (another client of
// the daemon plays the terminal): Interrupt ends the sandboxed command the turn was running, as drive mode's does (it
// ran on after `turn/interrupt` alone); a prompt queued while a turn works waits for it and starts the next turn of its
// own; and with the daemon killed while our `turn/start` is on its socket, unanswered, the prompt goes back to the
// head of the queue and is in the thread exactly once after the daemon is back.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServerClient } from '../../src/codex/app-server/client.js';
import { textInput } from '../../src/codex/app-server/input.js';
import type { ThreadId } from '../../src/shared/ids.js';
import type { SessionSummary } from '../../src/shared/schemas.js';
import { CODEX_VERSIONS, type CodexVersion } from '../fixtures/codex-env.js';
import type { ModelRequest } from '../fixtures/fake-model.js';
import { processesOf } from '../helpers/codex-daemon.js';
import { idleLiveSession } from '../helpers/live-session.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { gate, until } from '../helpers/until.js';

const running = (marker: string) =>
  execFileSync('ps', ['-A', '-o', 'args='], { encoding: 'utf8' })
    .split('\n')
    .some((l) => l.includes(marker) && !l.includes('ps -A'));

describe.skipIf(process.platform === 'win32').each(CODEX_VERSIONS)('acting on a live thread, codex %s', (version: CodexVersion) => {
  let rig: Rig & ModelRig;
  let terminal: AppServerClient;
  let session: SessionSummary;
  let threadId: string;
  const hold = gate();

  const summary = () => rig.server.ctx.delivery.summary(session.id).live;
  const promptState = (id: string) => rig.server.ctx.store.prompts.get(id as never)?.state;
  const requestsWith = (text: string) => rig.model.requests.filter((r) => r.lastUserText() === text);
  /** What the server logged: a thread it follows without a failure leaves no line naming it. */
  const logs: string[] = [];

  beforeAll(async () => {
    rig = await startRig({
      codexVersion: version,
      daemon: true,
      server: {
        log: (line) => {
          logs.push(line);
          process.stderr.write(`${line}\n`);
        },
      },
      fakeModel: async (req: ModelRequest) => {
        const text = req.lastUserText() ?? '';
        const sleep = /SLEEP (\S+)/.exec(text)?.[1];
        if (sleep && !req.lastToolOutput()) {
          const args = { cmd: `sleep ${sleep}`, yield_time_ms: 60_000 };
          return { steps: [{ type: 'function_call', name: 'exec_command', arguments: args }] };
        }
        if (text === 'HOLD this turn') await hold.wait;
        return { steps: [{ type: 'message', text: `reply: ${text.split('\n')[0]}` }] };
      },
    });
    await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
    terminal = new AppServerClient({ codexHome: rig.codexHome, log: () => {} }).start();
    await terminal.whenConnected(20_000);
    const { thread } = await terminal.startThread({ cwd: rig.workDir, approvalPolicy: 'never', sandbox: 'workspace-write' });
    threadId = thread.id;
    await terminal.startTurn(threadId, [textInput('hello from the terminal')]);
    session = await rig.until('the thread as an idle live session', () => idleLiveSession(rig, threadId), 60_000);
  }, 120_000);

  afterAll(async () => {
    hold.open();
    terminal?.close();
    await rig?.close();
  }, 60_000);

  it('Interrupt ends the sandboxed command the turn was running', async () => {
    const marker = version === '0.169.0' ? '57.4103' : '58.2917';
    await terminal.startTurn(threadId, [textInput(`SLEEP ${marker}`)]);
    await until('the sleep to be running', () => running(`sleep ${marker}`), 30_000);
    const working = await rig.until('our server to follow the turn', () => summary()?.status === 'working' && summary()?.turnId);
    const ended = rig.nextPush((p) => p.type === 'live.turn' && p.sessionId === session.id && p.turn.status === 'interrupted', 30_000);
    const [status, body] = await rig.call('POST', `/api/sessions/${session.id}/live/interrupt`);
    expect([status, body.turnId]).toEqual([200, working]);
    await ended;
    await until('the command to be gone', () => !running(`sleep ${marker}`), 10_000);
    await rig.until('the thread to be idle', () => summary()?.status === 'idle', 30_000);
  }, 90_000);

  it('a prompt queued while a turn works starts the next turn once it is done', async () => {
    await terminal.startTurn(threadId, [textInput('HOLD this turn')]);
    await rig.until('the held turn', () => summary()?.status === 'working' && summary()?.turnId, 60_000);
    const heldTurn = summary()?.turnId;
    const [status, body] = await rig.call('POST', `/api/sessions/${session.id}/prompts`, { content: 'for the next turn' });
    expect(status).toBe(201);
    await rig.until('the held turn to reach the model', () => requestsWith('HOLD this turn').length > 0, 30_000);
    expect(promptState(body.prompt.id)).toBe('queued');
    const next = rig.nextPush(
      (p) => p.type === 'live.turn' && p.sessionId === session.id && p.turn.status === 'in_progress' && p.turn.id !== heldTurn,
      60_000,
    );
    hold.open();
    await next;
    await rig.until('the prompt to be delivered', () => promptState(body.prompt.id) === 'delivered', 60_000);
    expect(requestsWith('for the next turn')).toHaveLength(1);
    expect(requestsWith('HOLD this turn').every((r) => !JSON.stringify(r.input).includes('for the next turn'))).toBe(true);
  }, 120_000);

  it("another client's ephemeral thread gets no session: Codex keeps it only in memory, so nothing of it could be shown", async () => {
    const { thread: ephemeral } = await terminal.startThread({
      cwd: rig.workDir,
      approvalPolicy: 'never',
      sandbox: 'read-only',
      ephemeral: true,
    });
    await terminal.startTurn(ephemeral.id, [textInput('hello from an ephemeral thread')]);
    await rig.until('its turn to reach the model', () => requestsWith('hello from an ephemeral thread').length > 0, 30_000);
    // The daemon tells every client about threads in order: once a thread started after it is a session, the
    // ephemeral one has been seen too.
    const { thread: after } = await terminal.startThread({ cwd: rig.workDir, approvalPolicy: 'never', sandbox: 'read-only' });
    await terminal.startTurn(after.id, [textInput('hello after the ephemeral thread')]);
    await rig.until('the thread started after it as a live session', () => idleLiveSession(rig, after.id), 60_000);
    expect(rig.server.ctx.store.sessions.idByThread(ephemeral.id as ThreadId)).toBeNull();
    expect(logs.filter((l) => l.includes(ephemeral.id))).toEqual([]);
  }, 90_000);

  it('the daemon killed with a prompt in hand-off: back at the head of the queue, then in the thread exactly once', async () => {
    terminal.close();
    const { client } = rig.server.ctx.live;
    const daemon = rig.daemon!;
    const pids = processesOf(rig.codexHome)
      .filter((p) => p.args.includes('app-server --listen'))
      .map((p) => p.pid);
    expect(pids.length).toBeGreaterThan(0);
    const request = client.request.bind(client);
    let killed = false;
    client.request = (method, params, opts) => {
      if (method !== 'turn/start' || killed) return request(method, params, opts);
      killed = true;
      // Frozen first, so it cannot answer: the request is on its socket, unanswered, when it dies.
      for (const pid of pids) process.kill(pid, 'SIGSTOP');
      const answer = request(method, params, opts);
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      return answer;
    };
    const text = 'sent as the daemon died';
    const [status, body] = await rig.call('POST', `/api/sessions/${session.id}/prompts`, { content: text });
    expect(status).toBe(201);
    const promptId = body.prompt.id;
    await rig.until('the lost connection', () => killed && rig.server.ctx.live.daemon().state !== 'connected', 30_000);
    await rig.until('the prompt back in the queue', () => promptState(promptId) === 'queued', 30_000);

    await daemon.start();
    await rig.until('the prompt to be delivered', () => promptState(promptId) === 'delivered', 90_000);
    const [, page] = await rig.call('GET', `/api/sessions/${session.id}/live/history`);
    const inThread = page.history.turns.flatMap((t: { items: { kind: string; text?: string }[] }) =>
      t.items.filter((i) => i.kind === 'user' && i.text === text),
    );
    expect(inThread).toHaveLength(1);
    expect(requestsWith(text).length).toBeGreaterThanOrEqual(1);
    expect(rig.server.ctx.store.timeline.list(session.id).filter((e) => e.content === text)).toHaveLength(1);
  }, 180_000);
});
