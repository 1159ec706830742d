import { describe, expect, it } from 'vitest';
import type { AppServerNotification } from './messages.js';
import { WatchedThreads, type WatchState } from './watch-set.js';

const n = (method: string, params: unknown) => ({ method, params }) as AppServerNotification;

describe('WatchedThreads', () => {
  it.each<[string, WatchState, AppServerNotification, boolean]>([
    ['turn/started on a thread waiting for its rollout', 'waitingForRollout', n('turn/started', { threadId: 'a', turn: {} }), true],
    [
      'a status change on a thread waiting',
      'waitingForRollout',
      n('thread/status/changed', { threadId: 'a', status: { type: 'active' } }),
      true,
    ],
    [
      'a status change on another thread',
      'waitingForRollout',
      n('thread/status/changed', { threadId: 'b', status: { type: 'idle' } }),
      false,
    ],
    ['turn/started on a thread already subscribed', 'subscribed', n('turn/started', { threadId: 'a', turn: {} }), false],
    ['turn/started while a resume is on its way', 'subscribing', n('turn/started', { threadId: 'a', turn: {} }), false],
    ['an item on a waiting thread', 'waitingForRollout', n('item/started', { threadId: 'a', turnId: 't', item: {} }), false],
  ])('retries after %s: %s', (_name, state, notification, retry) => {
    const watched = new WatchedThreads();
    watched.add('a');
    watched.set('a', state);
    expect(watched.retryAfter(notification)).toBe(retry ? 'a' : undefined);
  });

  it('puts every thread back to pending when the connection drops', () => {
    const watched = new WatchedThreads();
    for (const id of ['a', 'b']) watched.add(id);
    watched.set('a', 'subscribed');
    watched.set('b', 'waitingForRollout');
    watched.disconnected();
    expect(watched.ids().map((id) => watched.state(id))).toEqual(['pending', 'pending']);
  });

  it('does not bring back a thread that was unwatched while a request was on its way', () => {
    const watched = new WatchedThreads();
    expect(watched.add('a')).toBe(true);
    expect(watched.add('a')).toBe(false);
    watched.remove('a');
    watched.set('a', 'subscribed');
    expect(watched.has('a')).toBe(false);
  });
});
