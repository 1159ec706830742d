// Presence through Delivery's intents: a real SQLite store, a recording subscriber, a short grace period. The rules
// themselves are tabled in presence.test.ts; this checks each fact reaches them and each change is emitted.
import { describe, expect, it } from 'vitest';
import { freshDeliveryKit } from '../../test/helpers/delivery-kit.js';
import type { SessionId, ThreadId } from '../shared/ids.js';
import type { Store } from '../store/store.js';
import type { SessionChange } from './changes.js';
import type { Delivery } from './delivery.js';
import { QUEUED_NOT_CONNECTED } from './presence.js';

const GRACE_MS = 40;
let store: Store;
let delivery: Delivery;
let changes: SessionChange[];
let newThread: () => ThreadId;
freshDeliveryKit(
  (kit) => {
    ({ store, delivery, changes, newThread } = kit);
  },
  { presenceGraceMs: GRACE_MS },
);
const presenceOf = (id: SessionId) => delivery.summary(id).presence;

/** Resolves with the first change after now that shows `presence` for the session; fails after a second. */
function presenceBecomes(id: SessionId, presence: string): Promise<SessionChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`presence never became ${presence}`)), 1000);
    const off = delivery.subscribe((c) => {
      if (c.sessionId !== id || c.session?.presence !== presence) return;
      clearTimeout(timer);
      off();
      resolve(c);
    });
  });
}

describe('presence through Delivery', () => {
  it('attach says connected, an open wait says waiting, a handed prompt says connected again', async () => {
    const thread = newThread();
    const { id } = delivery.attach(thread);
    expect(presenceOf(id)).toBe('connected');
    const wait = delivery.wait(thread, { timeoutMs: 5_000 });
    expect(presenceOf(id)).toBe('waiting');
    // The waiting change carries the new presence: no separate presence change for it.
    expect(changes.filter((c) => c.type === 'presence.changed')).toEqual([]);
    expect(changes.at(-1)).toMatchObject({ type: 'session.waiting', session: { presence: 'waiting' } });
    delivery.queue(id, 'next');
    const outcome = await wait;
    outcome.handoff?.confirm();
    expect(presenceOf(id)).toBe('connected');
    expect(delivery.summary(id).status).toBe('RUNNING');
  });

  it('after Stop reaches the waiting Codex it is gone, and a prompt sent then says it is queued for a Codex not connected', async () => {
    const thread = newThread();
    const { id } = delivery.attach(thread);
    const wait = delivery.wait(thread, { timeoutMs: 5_000 });
    delivery.stop(id);
    expect((await wait).status).toBe('stopped');
    expect(presenceOf(id)).toBe('gone');
    changes.length = 0;
    delivery.queue(id, 'after the stop');
    const session = delivery.summary(id);
    expect(session).toMatchObject({ status: 'STOPPED', statusDetail: QUEUED_NOT_CONNECTED, presence: 'gone', queuedCount: 1 });
    expect(changes.map((c) => c.type)).toEqual(['prompt.queued']);
    // The Codex coming back takes it: presence and status follow.
    const back = await delivery.wait(thread, { timeoutMs: 5_000 });
    back.handoff?.confirm();
    expect(back.instruction?.text).toBe('after the stop');
    expect(delivery.summary(id)).toMatchObject({ status: 'RUNNING', presence: 'connected', statusDetail: null });
  });

  it('a prompt queued while Codex is connected still resumes a stopped session (it will be taken)', () => {
    const thread = newThread();
    const { id } = delivery.attach(thread);
    delivery.stop(id);
    delivery.queue(id, 'typed while Codex works');
    expect(delivery.summary(id)).toMatchObject({ status: 'RUNNING', presence: 'connected', statusDetail: null });
  });

  it('the MCP server saying its Codex ended makes the session gone at once, with its own change', () => {
    const thread = newThread();
    const { id } = delivery.attach(thread);
    changes.length = 0;
    expect(delivery.codexGone(thread, 'stdin_closed').presence).toBe('gone');
    expect(changes).toMatchObject([{ type: 'presence.changed', session: { presence: 'gone' } }]);
    expect(store.events.list(id).at(-1)).toMatchObject({ type: 'codex.gone', payload: { reason: 'stdin_closed' } });
  });

  it('a wait whose connection dropped, with no new wait within the grace period, means gone', async () => {
    const thread = newThread();
    const { id } = delivery.attach(thread);
    const aborter = new AbortController();
    const wait = delivery.wait(thread, { timeoutMs: 5_000, signal: aborter.signal });
    const gone = presenceBecomes(id, 'gone');
    aborter.abort();
    await wait;
    expect(presenceOf(id)).toBe('waiting');
    expect((await gone).type).toBe('presence.changed');
  });

  it('a wait that drops and is followed by a new one within the grace period stays waiting', async () => {
    const thread = newThread();
    const { id } = delivery.attach(thread);
    const aborter = new AbortController();
    const first = delivery.wait(thread, { timeoutMs: 5_000, signal: aborter.signal });
    aborter.abort();
    await first;
    // The second outlives the first one's grace period, then ends by its bound.
    const second = delivery.wait(thread, { timeoutMs: GRACE_MS * 4 });
    const connected = presenceBecomes(id, 'connected');
    expect(presenceOf(id)).toBe('waiting');
    expect((await second).status).toBe('no_instruction_yet');
    expect(changes.some((c) => c.session?.presence === 'gone')).toBe(false);
    expect(presenceOf(id)).toBe('waiting');
    // Nothing followed the bound: alive, but no longer waiting.
    await connected;
  });

  it('driven sessions are not tracked: Codex Pro Max starts their Codex itself', () => {
    const { id } = delivery.createDriven({ title: undefined, cwd: '/work' }, () => {});
    delivery.queue(id, 'first');
    expect(presenceOf(id)).toBe('unknown');
    expect(delivery.summary(id).statusDetail).toBeNull();
  });
});
