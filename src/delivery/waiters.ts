// Codex calls blocked in `wait`, per session, oldest first. In memory only: a waiter is a live HTTP request.
import type { SessionId } from '../shared/ids.js';

export interface Waiter {
  /** Try to take a newly queued prompt; true when this waiter took one and is done. */
  offer(): boolean;
  /** The session was stopped or deleted: finish now. */
  release(reason: 'stopped' | 'deleted'): void;
}

export class WaitHub {
  private readonly bySession = new Map<SessionId, Waiter[]>();

  add(sessionId: SessionId, waiter: Waiter): () => void {
    const list = this.bySession.get(sessionId) ?? [];
    list.push(waiter);
    this.bySession.set(sessionId, list);
    return () => this.remove(sessionId, waiter);
  }

  private remove(sessionId: SessionId, waiter: Waiter): void {
    const list = this.bySession.get(sessionId);
    if (!list) return;
    const i = list.indexOf(waiter);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.bySession.delete(sessionId);
  }

  /** Offers queued prompts to waiters in arrival order until one declines (nothing left to take). */
  offer(sessionId: SessionId): void {
    for (const waiter of [...(this.bySession.get(sessionId) ?? [])]) {
      if (!waiter.offer()) break;
    }
  }

  release(sessionId: SessionId, reason: 'stopped' | 'deleted'): void {
    for (const waiter of [...(this.bySession.get(sessionId) ?? [])]) waiter.release(reason);
  }

  count(sessionId: SessionId): number {
    return this.bySession.get(sessionId)?.length ?? 0;
  }
}
