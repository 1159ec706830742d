// AppServerClient against the real Codex app-server daemon (both supported versions), in a throwaway CODEX_HOME whose
// model is the fake Responses API: turns stream, approvals round-trip, first answer wins, and a daemon restart is
// survived with the watched threads re-subscribed. Every process the daemon leaves behind is killed by its pid.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServerClient } from '../../src/codex/app-server/client.js';
import { daemonState } from '../../src/codex/app-server/daemon-state.js';
import { textInput } from '../../src/codex/app-server/input.js';
import type { AppServerNotification, AppServerRequest } from '../../src/codex/app-server/messages.js';
import { CODEX_VERSIONS, type CodexVersion, codexBin, codexEnv, makeCodexHome } from '../fixtures/codex-env.js';
import { type FakeModel, startFakeModel } from '../fixtures/fake-model.js';
import { processesOf } from '../helpers/codex-daemon.js';
import { gate, until } from '../helpers/until.js';

const run = promisify(execFile);

/** The thread a notification is about, for the methods these tests look at. */
function threadOf(n: AppServerNotification): string | undefined {
  const params = n.params as { threadId?: string; thread?: { id?: string } };
  return params.threadId ?? params.thread?.id;
}

/** Everything one client hears, for waiting on with `until`. */
function record(client: AppServerClient) {
  const notifications: AppServerNotification[] = [];
  const requests: AppServerRequest[] = [];
  client.on('notification', (n) => notifications.push(n));
  client.on('serverRequest', (r) => requests.push(r));
  return {
    notifications,
    requests,
    of: (threadId: string) => notifications.filter((n) => threadOf(n) === threadId),
    turnCompleted: (threadId: string, turnId: string) =>
      notifications.find((n) => n.method === 'turn/completed' && n.params.threadId === threadId && n.params.turn.id === turnId),
  };
}

describe.skipIf(process.platform === 'win32').each(CODEX_VERSIONS)(
  'AppServerClient and the real daemon, codex %s',
  (version: CodexVersion) => {
    let model: FakeModel;
    let home: string;
    let work: string;
    let client: AppServerClient;
    let heard: ReturnType<typeof record>;
    const holdReply = gate();
    const daemon = (command: 'start' | 'stop' | 'restart') =>
      run(codexBin(version), ['app-server', 'daemon', command], { env: codexEnv(home), timeout: 60_000 });
    const newClient = () =>
      new AppServerClient({ codexHome: home, backoff: { initialMs: 100, maxMs: 1000 }, requestTimeoutMs: 20_000, log: () => {} });

    beforeAll(async () => {
      model = await startFakeModel(async (req) => {
        const text = req.lastUserText() ?? '';
        const fresh = req.input.at(-1)?.type === 'message'; // the user's message, not a tool output coming back
        const write = /WRITE (\S+)/.exec(text)?.[1];
        if (write && fresh) {
          // On-request approval: the model asks to run outside the read-only sandbox, which is what prompts the user.
          const cmd = `echo approved > ${write}`;
          return {
            steps: [
              {
                type: 'function_call',
                name: 'exec_command',
                arguments: { cmd, sandbox_permissions: 'require_escalated', justification: 'test' },
              },
            ],
          };
        }
        if (text.includes('HOLD')) await holdReply.wait;
        return { steps: [{ type: 'message', text: `reply: ${text}` }] };
      });
      home = makeCodexHome({ baseUrl: model.baseUrl });
      work = mkdtempSync(join(tmpdir(), 'cpm-as-work-'));
      expect((await daemonState(home)).state).toBe('absent');
      await daemon('start');
      client = newClient().start();
      heard = record(client);
      await client.whenConnected(20_000);
    });

    afterAll(async () => {
      client?.close();
      if (home) {
        await daemon('stop').catch(() => {});
        for (const { pid } of processesOf(home)) process.kill(pid, 'SIGTERM');
        await until('every process of this CODEX_HOME to exit', () => processesOf(home).length === 0, 10_000);
        rmSync(home, { recursive: true, force: true });
      }
      if (work) rmSync(work, { recursive: true, force: true });
      await model?.close();
    });

    it('reports the running daemon', async () => {
      const state = await daemonState(home);
      expect(state).toMatchObject({ state: 'running', userAgent: expect.stringContaining(version) });
    });

    it('streams a turn: turn/started, the agent message delta and item, turn/completed', async () => {
      const { thread } = await client.startThread({ cwd: work });
      expect(client.watchState(thread.id)).toBe('subscribed');
      const { turn } = await client.startTurn(thread.id, [textInput('hello')]);
      await until('turn/completed', () => heard.turnCompleted(thread.id, turn.id));
      const seen = heard.of(thread.id);
      const methods = seen.map((n) => n.method);
      expect(methods.indexOf('turn/started')).toBeLessThan(methods.indexOf('item/agentMessage/delta'));
      expect(methods.indexOf('item/agentMessage/delta')).toBeLessThan(methods.lastIndexOf('turn/completed'));
      const deltas = seen.flatMap((n) => (n.method === 'item/agentMessage/delta' ? [n.params.delta] : []));
      expect(deltas.join('')).toBe('reply: hello');
      const completed = seen.flatMap((n) => (n.method === 'item/completed' ? [n.params.item] : []));
      expect(completed.map((i) => i.type)).toEqual(['userMessage', 'agentMessage']);
      expect(completed[1]).toMatchObject({ type: 'agentMessage', text: 'reply: hello' });
      expect(heard.turnCompleted(thread.id, turn.id)).toMatchObject({ params: { turn: { status: 'completed' } } });
      const statuses = seen.flatMap((n) => (n.method === 'thread/status/changed' ? [n.params.status.type] : []));
      expect(statuses).toEqual(['active', 'idle']);
      expect(client.stats()).toMatchObject({ invalid: 0 });
      // History pages back what streamed.
      const items = await client.listItems({ threadId: thread.id, turnId: turn.id });
      expect(items.data.map((entry) => entry.item.type)).toEqual(['userMessage', 'agentMessage']);
    });

    it('a second client that watches before the first turn waits for the rollout, then follows the turn', async () => {
      const watcher = newClient().start();
      try {
        const watched = record(watcher);
        await watcher.whenConnected(20_000);
        const { thread } = await client.startThread({ cwd: work });
        await expect(watcher.watch(thread.id)).resolves.toEqual({ state: 'waitingForRollout' });
        const { turn } = await client.startTurn(thread.id, [textInput('HOLD please')]);
        await until('the watcher to subscribe', () => watcher.watchState(thread.id) === 'subscribed');
        holdReply.open();
        await until('the watcher to see the turn complete', () => watched.turnCompleted(thread.id, turn.id));
        const text = watched
          .of(thread.id)
          .flatMap((n) => (n.method === 'item/completed' && n.params.item.type === 'agentMessage' ? [n.params.item.text] : []));
        expect(text).toEqual(['reply: HOLD please']);
      } finally {
        watcher.close();
      }
    });

    it('round-trips an approval: the request, our answer, serverRequest/resolved, the command runs', async () => {
      const { thread } = await client.startThread({ cwd: work, approvalPolicy: 'on-request', sandbox: 'read-only' });
      const { turn } = await client.startTurn(thread.id, [textInput('WRITE approved.txt')]);
      const request = await until('the approval request', () =>
        heard.requests.find((r) => r.method === 'item/commandExecution/requestApproval' && r.params.threadId === thread.id),
      );
      if (request.method !== 'item/commandExecution/requestApproval') throw new Error('narrowing');
      expect(request.params).toMatchObject({ threadId: thread.id, turnId: turn.id, itemId: expect.any(String), cwd: work });
      expect(request.params.command).toContain('echo approved > approved.txt');
      expect(request.params.availableDecisions).toContain('accept');
      client.answer(request, { decision: 'accept' });
      await until('serverRequest/resolved', () =>
        heard.of(thread.id).find((n) => n.method === 'serverRequest/resolved' && n.params.requestId === request.id),
      );
      await until('turn/completed', () => heard.turnCompleted(thread.id, turn.id));
      expect(readFileSync(join(work, 'approved.txt'), 'utf8').trim()).toBe('approved');
      const command = heard.of(thread.id).find((n) => n.method === 'item/completed' && n.params.item.type === 'commandExecution');
      expect(command).toMatchObject({ params: { item: { status: 'completed', exitCode: 0 } } });
    });

    it('sends one approval to every subscribed client with the same id, and the first answer wins', async () => {
      const other = newClient().start();
      try {
        const otherHeard = record(other);
        await other.whenConnected(20_000);
        const { thread } = await client.startThread({ cwd: work, approvalPolicy: 'on-request', sandbox: 'read-only' });
        await client.startTurn(thread.id, [textInput('hello first')]); // a first turn writes the rollout the other client resumes
        await until('the first turn', () => heard.of(thread.id).some((n) => n.method === 'turn/completed'));
        await expect(other.watch(thread.id)).resolves.toMatchObject({ state: 'subscribed' });
        const { turn } = await client.startTurn(thread.id, [textInput('WRITE declined.txt')]);
        const isApproval = (r: AppServerRequest) => r.method === 'item/commandExecution/requestApproval' && r.params.threadId === thread.id;
        const mine = await until('our copy of the request', () => heard.requests.find(isApproval));
        const theirs = await until('their copy of the request', () => otherHeard.requests.find(isApproval));
        expect(theirs.id).toBe(mine.id);
        other.respond(theirs.id, { decision: 'decline' });
        await until('serverRequest/resolved on both', () =>
          [heard, otherHeard].every((h) =>
            h.of(thread.id).some((n) => n.method === 'serverRequest/resolved' && n.params.requestId === mine.id),
          ),
        );
        client.respond(mine.id, { decision: 'accept' }); // too late: dropped without an error
        await until('turn/completed', () => heard.turnCompleted(thread.id, turn.id));
        expect(existsSync(join(work, 'declined.txt'))).toBe(false);
        const command = heard.of(thread.id).find((n) => n.method === 'item/completed' && n.params.item.type === 'commandExecution');
        expect(command).toMatchObject({ params: { item: { status: 'declined' } } });
        expect(client.status()).toBe('connected');
      } finally {
        other.close();
      }
    });

    it('survives a daemon restart: reconnects, handshakes again, re-subscribes, and hears the next turn', async () => {
      const watcher = newClient().start(); // only ever watches, so it hears the thread solely through its own subscription
      try {
        const watched = record(watcher);
        await watcher.whenConnected(20_000);
        const { thread } = await client.startThread({ cwd: work });
        const first = await client.startTurn(thread.id, [textInput('before restart')]);
        await until('the first turn', () => heard.turnCompleted(thread.id, first.turn.id));
        await expect(watcher.watch(thread.id)).resolves.toMatchObject({ state: 'subscribed' });
        // The updater loop outlives stop and restart; every other process must be a new one afterwards.
        const daemonBefore = processesOf(home).filter((p) => !p.args.includes('pid-update-loop'));
        expect(daemonBefore.length).toBeGreaterThan(0);
        const reconnected = new Promise<boolean>((resolve) => watcher.on('connected', (e) => resolve(e.reconnect)));
        const dropped = new Promise<string>((resolve) => watcher.on('disconnected', (e) => resolve(e.reason)));
        await daemon('restart');
        expect(await dropped).toBeTruthy();
        expect(await reconnected).toBe(true);
        await until('the watcher to re-subscribe', () => watcher.watchState(thread.id) === 'subscribed', 20_000);
        await until(
          'the driving client to reconnect',
          () => client.status() === 'connected' && client.watchState(thread.id) === 'subscribed',
          20_000,
        );
        const pidsNow = processesOf(home).map((p) => p.pid);
        expect(daemonBefore.filter((p) => pidsNow.includes(p.pid))).toEqual([]);
        const second = await client.startTurn(thread.id, [textInput('after restart')]);
        await until('the watcher to hear the second turn', () => watched.turnCompleted(thread.id, second.turn.id), 20_000);
        const deltas = watched
          .of(thread.id)
          .flatMap((n) => (n.method === 'item/agentMessage/delta' && n.params.turnId === second.turn.id ? [n.params.delta] : []));
        expect(deltas.join('')).toBe('reply: after restart');
        expect(watcher.stats().connects).toBe(2);
      } finally {
        watcher.close();
      }
    });
  },
);
