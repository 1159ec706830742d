// AppServerClient against a small WebSocket server on a unix socket in a temp folder, standing in for the daemon where a
// test needs to misbehave on purpose (unknown methods, broken frames, dropped connections). test/live runs the real one.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDaemon } from '../../../test/helpers/fake-daemon.js';
import { AppServerClient, backoffDelay } from './client.js';
import { daemonState } from './daemon-state.js';
import { AppServerDisconnected, AppServerError } from './errors.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-as-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function setup(): Promise<{ daemon: FakeDaemon; client: AppServerClient; logs: string[]; dir: string }> {
  const dir = tempDir();
  const daemon = await new FakeDaemon(join(dir, 'd.sock')).listen();
  cleanup.push(() => daemon.close());
  const logs: string[] = [];
  const client = new AppServerClient({
    socketPath: daemon.path,
    clientVersion: '9.9.9',
    requestTimeoutMs: 2000,
    backoff: { initialMs: 20, maxMs: 100 },
    log: (m) => logs.push(m),
  });
  cleanup.push(() => client.close());
  return { daemon, client, logs, dir };
}

/** Resolves with the next event of that name. */
function next<E>(subscribe: (fn: (e: E) => void) => () => void): Promise<E> {
  return new Promise((resolve) => {
    const off = subscribe((e) => {
      off();
      resolve(e);
    });
  });
}

describe('AppServerClient', () => {
  it('handshakes with initialize then initialized, without a jsonrpc field', async () => {
    const { daemon, client } = await setup();
    const connected = next<{ reconnect: boolean }>((fn) => client.on('connected', fn));
    client.start();
    expect((await connected).reconnect).toBe(false);
    expect(client.status()).toBe('connected');
    await expect
      .poll(() => daemon.received.slice(0, 2))
      .toEqual([
        {
          id: 1,
          method: 'initialize',
          params: {
            clientInfo: { name: 'codex-pro-max', title: 'Codex Pro Max', version: '9.9.9' },
            capabilities: { experimentalApi: true },
          },
        },
        { method: 'initialized' },
      ]);
  });

  it('matches answers to requests and turns error answers into AppServerError', async () => {
    const { daemon, client } = await setup();
    daemon.handle = (msg) =>
      msg.method === 'thread/read'
        ? { thread: { id: msg.params.threadId, preview: 'p' } }
        : new AppServerError(msg.method!, -32600, 'nope');
    await client.start().whenConnected();
    await expect(client.readThread('th-1')).resolves.toEqual({ thread: { id: 'th-1', preview: 'p' } });
    const error = await client.request('turn/interrupt', { threadId: 'x', turnId: 'y' }).catch((e) => e);
    expect(error).toBeInstanceOf(AppServerError);
    expect(error).toMatchObject({ code: -32600, message: 'nope', method: 'turn/interrupt' });
  });

  it('rejects a typed call whose answer lacks a field the product relies on', async () => {
    const { daemon, client } = await setup();
    daemon.handle = () => ({ turn: { status: 'inProgress' } });
    await client.start().whenConnected();
    await expect(client.startTurn('th', [])).rejects.toMatchObject({ name: 'AppServerBadResponse', method: 'turn/start' });
  });

  it('rejects pending requests when the connection drops, then reconnects and handshakes again', async () => {
    const { daemon, client } = await setup();
    daemon.handle = () => undefined; // never answer
    await client.start().whenConnected();
    const pending = client.request('thread/loaded/list', {});
    const disconnected = next<{ reason: string }>((fn) => client.on('disconnected', fn));
    const reconnected = next<{ reconnect: boolean }>((fn) => client.on('connected', fn));
    await new Promise<void>((resolve) => setImmediate(resolve));
    daemon.dropConnections();
    await expect(pending).rejects.toBeInstanceOf(AppServerDisconnected);
    expect((await disconnected).reason).toMatch(/closed|1006/);
    expect((await reconnected).reconnect).toBe(true);
    expect(daemon.methods().filter((m) => m === 'initialize')).toHaveLength(2);
    expect(client.stats().connects).toBe(2);
  });

  it('re-subscribes every watched thread after a reconnect, with excludeTurns', async () => {
    const { daemon, client } = await setup();
    daemon.handle = (msg) => (msg.method === 'thread/resume' ? { thread: { id: msg.params.threadId } } : { status: 'unsubscribed' });
    await client.start().whenConnected();
    await expect(client.watch('a')).resolves.toMatchObject({ state: 'subscribed' });
    await expect(client.watch('b')).resolves.toMatchObject({ state: 'subscribed' });
    await client.unwatch('b');
    expect(daemon.received.at(-1)).toMatchObject({ method: 'thread/unsubscribe', params: { threadId: 'b' } });
    daemon.received.length = 0;
    const resubscribed = next<{ threadId: string; state: string }>((fn) =>
      client.on('watch', (e) => {
        if (e.state === 'subscribed') fn(e);
      }),
    );
    daemon.dropConnections();
    expect(await resubscribed).toEqual({ threadId: 'a', state: 'subscribed' });
    expect(daemon.received.filter((m) => m.method === 'thread/resume').map((m) => m.params)).toEqual([
      { threadId: 'a', excludeTurns: true },
    ]);
  });

  // Codex 0.169 answers a resume that comes just after thread/start, while the thread is being written, with the second.
  it.each(['no rollout found for thread id new', 'list_turns is not supported yet'])(
    'retries a watch refused with "%s" once the thread changes status',
    async (refusal) => {
      const { daemon, client } = await setup();
      let rollout = false;
      daemon.handle = (msg) => {
        if (msg.method !== 'thread/resume') return {};
        return rollout ? { thread: { id: 'new' } } : new AppServerError('thread/resume', -32600, refusal);
      };
      await client.start().whenConnected();
      await expect(client.watch('new')).resolves.toEqual({ state: 'waitingForRollout' });
      const subscribed = next<{ state: string }>((fn) => client.on('watch', fn));
      rollout = true;
      daemon.push({ method: 'thread/status/changed', params: { threadId: 'new', status: { type: 'active', activeFlags: [] } } });
      expect((await subscribed).state).toBe('subscribing');
      await expect.poll(() => client.watchState('new')).toBe('subscribed');
    },
  );

  it('forgets a watched thread the daemon refuses for another reason', async () => {
    const { daemon, client } = await setup();
    daemon.handle = () => new AppServerError('thread/resume', -32600, 'thread not found');
    await client.start().whenConnected();
    const failed = next<{ state: string; error?: Error }>((fn) => client.on('watch', (e) => e.state === 'failed' && fn(e)));
    await expect(client.watch('gone')).rejects.toBeInstanceOf(AppServerError);
    expect((await failed).error?.message).toBe('thread not found');
    expect(client.watchedThreads()).toEqual([]);
  });

  it('counts unknown methods and item types, logs each once, and keeps going', async () => {
    const { daemon, client, logs } = await setup();
    await client.start().whenConnected();
    const unknown: string[] = [];
    client.on('unknown', (e) => unknown.push(`${e.what}:${e.method}`));
    client.on('notification', () => {
      throw new Error('a listener bug');
    });
    daemon.push({ method: 'future/notice', params: {} });
    daemon.push({ method: 'future/notice', params: {} });
    daemon.push({ id: 77, method: 'future/ask', params: {} });
    daemon.push({ method: 'item/started', params: { threadId: 't', turnId: 'u', item: { type: 'hologram', id: 'i' } } });
    daemon.pushRaw('not json{');
    daemon.push({ method: 'turn/started', params: { threadId: 't' } }); // no turn: fails decoding
    daemon.push({ id: 999, result: {} }); // an answer nobody waits for
    daemon.handle = () => ({ data: ['t'], nextCursor: null });
    await expect(client.listLoaded()).resolves.toEqual({ data: ['t'], nextCursor: null });
    expect(client.stats()).toMatchObject({
      unknown: { 'notification:future/notice': 2, 'serverRequest:future/ask': 1, 'item:hologram': 1 },
      invalid: 2,
      lateAnswers: 1,
    });
    expect(unknown).toEqual(['notification:future/notice', 'notification:future/notice', 'serverRequest:future/ask', 'itemType:hologram']);
    expect(logs.filter((l) => l.includes('future/notice'))).toHaveLength(1);
    expect(logs.some((l) => l.includes('a listener bug'))).toBe(true);
    // An unknown request is never answered: another client on the daemon may know it.
    expect(daemon.received.some((m) => m.id === 77)).toBe(false);
  });

  it('hands server requests on and sends the answer as {id, result}', async () => {
    const { daemon, client } = await setup();
    await client.start().whenConnected();
    const request = next<{ id: number | string; method: string; params: unknown }>((fn) => client.on('serverRequest', fn));
    const params = { threadId: 't', turnId: 'u', itemId: 'call_1', command: 'echo hi' };
    daemon.push({ id: 0, method: 'item/commandExecution/requestApproval', params });
    const got = await request;
    expect(got).toEqual({ id: 0, method: 'item/commandExecution/requestApproval', params });
    if (got.method === 'item/commandExecution/requestApproval') client.answer({ id: got.id, method: got.method }, { decision: 'accept' });
    await expect.poll(() => daemon.received.at(-1)).toEqual({ id: 0, result: { decision: 'accept' } });
  });

  it('is absent while the socket file is missing, connects when it appears, and stops for good on close()', async () => {
    const dir = tempDir();
    const path = join(dir, 'late.sock');
    const client = new AppServerClient({ socketPath: path, backoff: { initialMs: 10, maxMs: 40 }, log: () => {} });
    cleanup.push(() => client.close());
    client.start();
    expect(client.status()).toBe('absent');
    await expect(client.request('thread/loaded/list')).rejects.toMatchObject({ name: 'AppServerDisconnected', reason: 'absent' });
    const daemon = await new FakeDaemon(path).listen();
    cleanup.push(() => daemon.close());
    await client.whenConnected(5000);
    client.close();
    expect(client.status()).toBe('disconnected');
    const connectsBefore = daemon.methods().filter((m) => m === 'initialize').length;
    daemon.dropConnections();
    // Showing that something does not happen takes a wait: several backoff periods, in which a reconnect would have come.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(daemon.methods().filter((m) => m === 'initialize').length).toBe(connectsBefore);
    await expect(client.whenConnected(50)).rejects.toBeInstanceOf(AppServerDisconnected);
  });

  it('backs off from 250 ms, doubling to 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 40].map((n) => backoffDelay(n))).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });
});

describe('daemonState', () => {
  it('is absent without a socket file, and for a link whose socket is gone', async () => {
    const dir = tempDir();
    expect(await daemonState(undefined, { socketPath: join(dir, 'none.sock') })).toMatchObject({
      state: 'absent',
      hint: expect.stringContaining('codex app-server daemon start'),
    });
    symlinkSync(join(dir, 'gone.sock'), join(dir, 'link.sock'));
    expect((await daemonState(undefined, { socketPath: join(dir, 'link.sock') })).state).toBe('absent');
  });

  it('is running when the handshake succeeds, and unreachable when nothing answers it', async () => {
    const { daemon } = await setup();
    expect(await daemonState(undefined, { socketPath: daemon.path })).toEqual({
      state: 'running',
      socketPath: daemon.path,
      userAgent: 'fake/1.0',
    });
    const dir = tempDir();
    const silent = createServer((_req, res) => res.writeHead(404).end()); // a socket that is not a WebSocket daemon
    await new Promise<void>((resolve) => silent.listen(join(dir, 's.sock'), resolve));
    cleanup.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
    expect(await daemonState(undefined, { socketPath: join(dir, 's.sock'), timeoutMs: 1000 })).toMatchObject({ state: 'unreachable' });
  });
});
