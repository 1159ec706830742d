// Which threads the client keeps subscribed to, and when a subscription that failed for want of a rollout is retried.
// Pure: the client does the requests.
import type { AppServerNotification } from './messages.js';

/**
 * `pending`: not subscribed on the current connection (none yet, or it dropped); `subscribing`: thread/resume sent;
 * `subscribed`: live notifications flow; `waitingForRollout`: the daemon has no rollout file yet (the thread has had no
 * turn), so thread/resume is retried when the thread shows signs of a turn.
 */
export type WatchState = 'pending' | 'subscribing' | 'subscribed' | 'waitingForRollout';

export class WatchedThreads {
  private readonly states = new Map<string, WatchState>();

  /** Starts watching (as `pending`); true when it was not watched yet. */
  add(threadId: string): boolean {
    if (this.states.has(threadId)) return false;
    this.states.set(threadId, 'pending');
    return true;
  }

  remove(threadId: string): boolean {
    return this.states.delete(threadId);
  }

  has(threadId: string): boolean {
    return this.states.has(threadId);
  }

  state(threadId: string): WatchState | undefined {
    return this.states.get(threadId);
  }

  /** Records a state for a thread still watched; an unwatched thread stays unwatched. */
  set(threadId: string, state: WatchState): void {
    if (this.states.has(threadId)) this.states.set(threadId, state);
  }

  ids(): string[] {
    return [...this.states.keys()];
  }

  /** Subscriptions belong to a connection: when it drops, every watched thread must be resumed again. */
  disconnected(): void {
    for (const id of this.states.keys()) this.states.set(id, 'pending');
  }

  /**
   * The thread whose thread/resume should be retried after `n`: a turn starting or a status change means the rollout
   * may now exist. A connection that has not resumed a thread still sees its status changes, so those are what usually
   * unblocks the retry.
   */
  retryAfter(n: AppServerNotification): string | undefined {
    if (n.method !== 'turn/started' && n.method !== 'thread/status/changed') return undefined;
    const { threadId } = n.params;
    return this.states.get(threadId) === 'waitingForRollout' ? threadId : undefined;
  }
}
