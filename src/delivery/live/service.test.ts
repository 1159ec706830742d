// LiveThreads against a scripted daemon, with a real store and Delivery: a thread the MCP loop attached and the same
// thread seen live are one session, whichever comes first; an approval request sent twice is one approval; and a plan update (Codex's checklist for the turn, sent as
// `turn/plan/updated`, not as a thread item) reaches the browser as the turn's plan item, each update replacing it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDaemon } from '../../../test/helpers/fake-daemon.js';
import { until } from '../../../test/helpers/until.js';
import { AppServerClient } from '../../codex/app-server/client.js';
import { AppServerError } from '../../codex/app-server/errors.js';
import type { SessionId, ThreadId } from '../../shared/ids.js';
import type { PushMessage } from '../../shared/push.js';
import { Store } from '../../store/store.js';
import { Delivery } from '../delivery.js';
import { LiveThreads } from './service.js';

const THREAD = 'thread-live';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const threadObject = (id: string, dir: string) => ({
  id,
  cwd: dir,
  preview: 'plan it',
  name: null,
  status: { type: 'active', activeFlags: [] },
  path: null,
});

/** A daemon that has loaded `loaded`, and LiveThreads connected to it; `beforeStart` runs on the store first. */
async function setup(loaded: string[], beforeStart: (delivery: Delivery) => void = () => {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-live-service-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const daemon = await new FakeDaemon(join(dir, 'daemon.sock')).listen();
  cleanups.push(() => daemon.close());
  daemon.handle = (msg) => {
    if (msg.method === 'thread/loaded/list') return { data: loaded, nextCursor: null };
    if (msg.method === 'thread/read' || msg.method === 'thread/resume') return { thread: threadObject(msg.params.threadId, dir) };
    if (msg.method === 'thread/turns/list') return { data: [], nextCursor: null, backwardsCursor: null };
    return {};
  };
  const store = Store.open(join(dir, 'db', 'test.sqlite3'), (id: SessionId) => join(dir, 'att', id));
  cleanups.push(() => store.close());
  const delivery = new Delivery(store);
  beforeStart(delivery);
  const pushes: PushMessage[] = [];
  const client = new AppServerClient({ socketPath: daemon.path, backoff: { initialMs: 20, maxMs: 50 }, log: () => {} });
  const live = new LiveThreads({ delivery, publish: (m) => pushes.push(m), codexHome: dir, client, log: () => {} });
  cleanups.push(() => live.close());
  live.start();
  return { dir, daemon, store, delivery, live, pushes };
}

describe('a thread both live and attached through the MCP loop', () => {
  it('is one session when the loop attaches a thread already live', async () => {
    const { store, delivery, live } = await setup([THREAD]);
    const sessionId = await until('the live session', () => store.sessions.idByThread(THREAD as ThreadId), 5_000);
    await until('the thread to be tracked', () => live.threadOf(sessionId), 5_000);
    expect(delivery.attach(THREAD as ThreadId, 'from the loop').id).toBe(sessionId);
    expect(store.sessions.list().map((s) => s.id)).toEqual([sessionId]);
    expect(delivery.summary(sessionId).live).not.toBeNull();
  });

  it('is one session when the daemon shows a thread the loop attached first', async () => {
    let attached: SessionId | undefined;
    const { dir, daemon, store, live } = await setup([], (delivery) => {
      attached = delivery.attach(THREAD as ThreadId, 'from the loop').id;
    });
    await until('the daemon connection', () => live.client.status() === 'connected', 5_000);
    daemon.push({ method: 'thread/started', params: { thread: threadObject(THREAD, dir) } });
    await until('the thread to be tracked', () => live.thread(THREAD), 5_000);
    expect(live.thread(THREAD)?.sessionId).toBe(attached);
    expect(store.sessions.list().map((s) => s.id)).toEqual([attached]);
  });
});

describe('an approval request the daemon sends twice', () => {
  it('is one approval (a request replayed to a client that subscribed as it was asked)', async () => {
    const { store, daemon, live } = await setup([THREAD]);
    const sessionId = await until('the live session', () => store.sessions.idByThread(THREAD as ThreadId), 5_000);
    await until('the thread to be tracked', () => live.threadOf(sessionId), 5_000);
    const request = {
      id: 41,
      method: 'item/commandExecution/requestApproval',
      params: { threadId: THREAD, turnId: 'turn-1', itemId: 'item-1', command: 'echo hi', availableDecisions: ['accept', 'decline'] },
    };
    daemon.push(request);
    daemon.push(request);
    daemon.push({ ...request, id: 42, params: { ...request.params, itemId: 'item-2', command: 'echo two' } });
    await until('the second request', () => live.approvalsFor(sessionId).some((a) => a.command === 'echo two'), 5_000);
    expect(live.approvalsFor(sessionId).map((a) => a.command)).toEqual(['echo hi', 'echo two']);
    expect(live.threadOf(sessionId)?.pendingApprovals).toBe(2);
  });
});

describe('a turn that ends while we catch up on it', () => {
  it('leaves the thread free for the next prompt (a stale "in progress" page does not restart it)', async () => {
    const { store, daemon, live, delivery } = await setup([THREAD]);
    const turn = { id: 'turn-1', status: 'inProgress', items: [] };
    const handle = daemon.handle;
    daemon.handle = (msg, ws) => {
      if (msg.method === 'turn/start') return { turn: { id: 'turn-2', status: 'inProgress', items: [] } };
      if (msg.method !== 'thread/turns/list' || msg.params.limit !== 1) return handle(msg, ws);
      // The page says the turn runs, and the turn ends right behind it, in the same read.
      ws.send(JSON.stringify({ id: msg.id, result: { data: [turn], nextCursor: null, backwardsCursor: null } }));
      ws.send(JSON.stringify({ method: 'turn/completed', params: { threadId: THREAD, turn: { ...turn, status: 'completed' } } }));
      return undefined;
    };
    const sessionId = await until('the live session', () => store.sessions.idByThread(THREAD as ThreadId), 5_000);
    await until('the catch-up page and the end of the turn', () => live.threadOf(sessionId)?.lastCompletedTurnId === 'turn-1', 5_000);
    await until('the page to be read', () => daemon.received.some((m) => m.method === 'thread/turns/list'), 5_000);
    const prompt = delivery.queue(sessionId, 'next one');
    await until('the prompt to be handed to a new turn', () => store.prompts.get(prompt.id)?.state === 'handed', 5_000);
    expect(daemon.received.filter((m) => m.method === 'turn/start')).toHaveLength(1);
  });
});

describe('a terminal thread whose first prompt passed before we subscribed', () => {
  it('is named from the prompt in the catch-up page, even when that turn has already ended', async () => {
    const { store, daemon, delivery } = await setup([THREAD]);
    const handle = daemon.handle;
    daemon.handle = (msg, ws) => {
      if (msg.method === 'thread/read') return { thread: { ...threadObject(THREAD, '/tmp'), preview: '' } };
      if (msg.method !== 'thread/turns/list' || msg.params.limit !== 1) return handle(msg, ws);
      const user = { type: 'userMessage', id: 'item-1', content: [{ type: 'text', text: 'fix the login page' }] };
      return { data: [{ id: 'turn-1', status: 'completed', items: [user] }], nextCursor: null, backwardsCursor: null };
    };
    const sessionId = await until('the live session', () => store.sessions.idByThread(THREAD as ThreadId), 5_000);
    await until('the session named from its prompt', () => delivery.summary(sessionId).title === 'fix the login page', 5_000);
    expect(delivery.summary(sessionId).titleSource).toBe('prompt');
  });
});

describe('a session whose terminal closed before this server started', () => {
  it('still shows its transcript, paged from the daemon, which has not loaded the thread', async () => {
    const OLD = 'thread-old';
    let sessionId = '' as SessionId;
    const { daemon, delivery, live } = await setup([], (d) => {
      sessionId = d.liveThreadSeen(OLD as ThreadId, {
        title: 'old work',
        cwd: '/tmp',
        live: {
          status: 'idle',
          turnId: null,
          model: null,
          originator: 'codex-tui',
          pendingApprovals: 0,
          updatedAt: new Date().toISOString(),
        },
      }).id;
    });
    await until('the daemon connection', () => live.daemon().state === 'connected', 5_000);
    expect(delivery.summary(sessionId).live?.status).toBe('closed');
    expect(live.threadOf(sessionId)).toBeNull();
    const handle = daemon.handle;
    daemon.handle = (msg, ws) => {
      if (msg.method !== 'thread/turns/list' || msg.params.threadId !== OLD) return handle(msg, ws);
      const user = { type: 'userMessage', id: 'item-1', content: [{ type: 'text', text: 'fix the login page' }] };
      return { data: [{ id: 'turn-1', status: 'completed', items: [user] }], nextCursor: null, backwardsCursor: null };
    };
    const history = await live.history(sessionId, null);
    expect(history.turns.map((t) => [t.id, t.items.map((i) => i.kind)])).toEqual([['turn-1', ['user']]]);
    // Paging it does not make it a live thread of ours again.
    expect(live.threadOf(sessionId)).toBeNull();
  });
});

describe('a thread Codex has started but not written yet', () => {
  it('has an empty history, not a refusal, while Codex says paging is "not supported yet"', async () => {
    const { store, daemon, live } = await setup([THREAD]);
    const sessionId = await until('the live session', () => store.sessions.idByThread(THREAD as ThreadId), 5_000);
    await until('the thread to be tracked', () => live.threadOf(sessionId), 5_000);
    const handle = daemon.handle;
    daemon.handle = (msg, ws) => {
      if (msg.method === 'thread/turns/list' || (msg.method === 'thread/read' && msg.params.includeTurns)) {
        return new AppServerError(msg.method, -32600, 'list_turns is not supported yet');
      }
      return handle(msg, ws);
    };
    expect(await live.history(sessionId, null)).toEqual({ turns: [], before: null });
  });
});

describe('a live session the person deletes', () => {
  it('lets its thread go and stays deleted, until a new turn starts in that thread', async () => {
    const { store, daemon, delivery, live } = await setup([THREAD]);
    const first = await until('the live session', () => store.sessions.idByThread(THREAD as ThreadId), 5_000);
    await until('the thread to be subscribed', () => daemon.received.some((m) => m.method === 'thread/resume'), 5_000);
    delivery.delete(first);
    await until('the thread to be let go', () => daemon.received.some((m) => m.method === 'thread/unsubscribe'), 5_000);
    expect(live.threadOf(first)).toBeNull();
    const reads = () => daemon.received.filter((m) => m.method === 'thread/read').length;
    const readsBefore = reads();
    daemon.push({ method: 'thread/status/changed', params: { threadId: THREAD, status: { type: 'idle' } } });
    daemon.push({ method: 'turn/started', params: { threadId: THREAD, turn: { id: 'turn-9', status: 'inProgress', items: [] } } });
    const again = await until('a session for the new turn', () => store.sessions.idByThread(THREAD as ThreadId), 5_000);
    expect(again).not.toBe(first);
    // Only the new turn read the thread again: the status change of a dismissed thread was left alone.
    expect(reads() - readsBefore).toBe(1);
  });
});

describe('a live thread plan update', () => {
  it('is pushed as the turn’s plan item, replaced by the next update', async () => {
    const { store, daemon, live, pushes } = await setup([THREAD]);
    const sessionId = await until('the live session', () => store.sessions.idByThread(THREAD as ThreadId), 5_000);
    await until('the thread to be tracked', () => live.threadOf(sessionId), 5_000);

    const plans = () => pushes.filter((p) => p.type === 'live.item' && p.item.kind === 'plan');
    const update = (statuses: string[]) =>
      daemon.push({
        method: 'turn/plan/updated',
        params: {
          threadId: THREAD,
          turnId: 'turn-1',
          explanation: null,
          plan: statuses.map((status, i) => ({ step: `step ${i + 1}`, status })),
        },
      });
    update(['inProgress', 'pending']);
    await until('the first plan push', () => plans().length === 1, 5_000);
    update(['completed', 'inProgress']);
    await until('the second plan push', () => plans().length === 2, 5_000);
    expect(plans()).toEqual(
      [
        ['in_progress', 'pending'],
        ['completed', 'in_progress'],
      ].map((statuses) => ({
        type: 'live.item',
        sessionId,
        turnId: 'turn-1',
        item: {
          id: 'plan-turn-1',
          atIso: null,
          kind: 'plan',
          explanation: null,
          steps: statuses.map((status, i) => ({ step: `step ${i + 1}`, status })),
        },
      })),
    );
  });
});
