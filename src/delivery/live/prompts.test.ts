// A prompt for a live thread when the daemon connection drops between `turn/start` and its answer: the turn may or
// may not have started. With a real store and Delivery and a scripted daemon: if the thread has the prompt (our
// client message id) it is not sent again; if it does not, it is sent once more. Never lost, never doubled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDaemon, type Msg } from '../../../test/helpers/fake-daemon.js';
import { until } from '../../../test/helpers/until.js';
import { AppServerClient } from '../../codex/app-server/client.js';
import type { SessionId, ThreadId } from '../../shared/ids.js';
import { Store } from '../../store/store.js';
import { Delivery } from '../delivery.js';
import { LiveThreads } from './service.js';

const THREAD = 'thread-1';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

type Turn = { id: string; status: string; items: object[] };

async function setup(startTurn: (msg: Msg, attempt: number, daemon: FakeDaemon, record: (msg: Msg) => Turn) => unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-live-prompts-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const daemon = await new FakeDaemon(join(dir, 'daemon.sock')).listen();
  cleanups.push(() => daemon.close());
  const turns: Turn[] = [];
  let attempts = 0;
  daemon.handle = (msg) => {
    switch (msg.method) {
      case 'thread/loaded/list':
        return { data: [THREAD], nextCursor: null };
      case 'thread/read':
      case 'thread/resume':
        return { thread: { id: THREAD, cwd: dir, preview: '', name: null, status: { type: 'idle' }, path: null } };
      case 'thread/turns/list':
        return { data: [...turns].reverse(), nextCursor: null, backwardsCursor: null };
      case 'turn/start':
        attempts += 1;
        return startTurn(msg, attempts, daemon, record);
      default:
        return {};
    }
  };
  const record = (msg: Msg): Turn => {
    const turn: Turn = {
      id: `turn-${turns.length + 1}`,
      status: 'inProgress',
      items: [{ type: 'userMessage', id: 'u', clientId: msg.params.clientUserMessageId, content: msg.params.input }],
    };
    turns.push(turn);
    return turn;
  };
  const store = Store.open(join(dir, 'db', 'test.sqlite3'), (id: SessionId) => join(dir, 'att', id));
  cleanups.push(() => store.close());
  const delivery = new Delivery(store);
  const client = new AppServerClient({ socketPath: daemon.path, backoff: { initialMs: 20, maxMs: 50 }, log: () => {} });
  const live = new LiveThreads({ delivery, publish: () => {}, codexHome: dir, client, log: () => {} }).start();
  cleanups.push(() => live.close());
  const sessionId = await until('the live session', () => store.sessions.idByThread(THREAD as ThreadId), 5_000);
  await until('the thread to be tracked', () => live.threadOf(sessionId), 5_000);
  const turnStarts = () => daemon.received.filter((m) => m.method === 'turn/start');
  return { daemon, store, delivery, sessionId, turnStarts };
}

describe('a live prompt whose turn/start answer is lost', () => {
  it('is not sent again when the thread already has it', async () => {
    const rig = await setup((msg, _attempt, daemon, record) => {
      record(msg);
      daemon.dropConnections(); // the turn started, but its answer never arrives
      return undefined;
    });
    const prompt = rig.delivery.queue(rig.sessionId, 'only once');
    await until('the prompt to be handed', () => rig.store.prompts.get(prompt.id)?.state === 'handed', 10_000);
    expect(rig.turnStarts()).toHaveLength(1);
    expect(rig.store.timeline.list(rig.sessionId).filter((e) => e.content === 'only once')).toHaveLength(1);
  });

  it('is sent once more when the thread does not have it', async () => {
    const rig = await setup((msg, attempt, daemon, record) => {
      if (attempt === 1) {
        daemon.dropConnections(); // lost before the daemon did anything with it
        return undefined;
      }
      return { turn: record(msg) };
    });
    const prompt = rig.delivery.queue(rig.sessionId, 'after the drop');
    await until('the prompt to be handed', () => rig.store.prompts.get(prompt.id)?.state === 'handed', 10_000);
    expect(rig.turnStarts()).toHaveLength(2);
    expect(rig.turnStarts().map((m) => m.params.clientUserMessageId)).toEqual([prompt.id, prompt.id]);
    expect(rig.store.timeline.list(rig.sessionId).filter((e) => e.content === 'after the drop')).toHaveLength(1);
  });
});

describe('a terminal thread between turns', () => {
  const complete = (daemon: FakeDaemon, id: string) =>
    daemon.push({ method: 'turn/completed', params: { threadId: THREAD, turn: { id, status: 'completed', items: [] } } });
  const count = (daemon: FakeDaemon, method: string) => daemon.received.filter((m) => m.method === method).length;

  it('stays subscribed after a turn our prompt started, so the next prompt goes straight to turn/start', async () => {
    const rig = await setup((msg, _attempt, _daemon, record) => ({ turn: record(msg) }));
    const first = rig.delivery.queue(rig.sessionId, 'first');
    await until('the first prompt to be handed', () => rig.store.prompts.get(first.id)?.state === 'handed', 5_000);
    complete(rig.daemon, 'turn-1');
    await until('the first prompt to be delivered', () => rig.store.prompts.get(first.id)?.state === 'delivered', 5_000);
    const resumes = count(rig.daemon, 'thread/resume');
    const second = rig.delivery.queue(rig.sessionId, 'second');
    await until('the second prompt to be handed', () => rig.store.prompts.get(second.id)?.state === 'handed', 5_000);
    expect(rig.turnStarts()).toHaveLength(2);
    expect(count(rig.daemon, 'thread/resume')).toBe(resumes);
    expect(count(rig.daemon, 'thread/unsubscribe')).toBe(0);
  });

  it('is let go of after a turn the terminal started, so the daemon can unload it once the terminal exits', async () => {
    const rig = await setup((msg, _attempt, _daemon, record) => ({ turn: record(msg) }));
    const first = rig.delivery.queue(rig.sessionId, 'first');
    await until('the first prompt to be handed', () => rig.store.prompts.get(first.id)?.state === 'handed', 5_000);
    complete(rig.daemon, 'turn-1');
    rig.daemon.push({ method: 'turn/started', params: { threadId: THREAD, turn: { id: 'turn-typed', status: 'inProgress', items: [] } } });
    complete(rig.daemon, 'turn-typed');
    await until('the thread to be let go of', () => count(rig.daemon, 'thread/unsubscribe') === 1, 5_000);
  });
});
