// Applies the presence rules for Delivery: keeps each attached session's presence, the grace timers after a wait
// ends, and emits `presence.changed` when presence changes. Owned by Delivery; must not write anything but presence.
import type { SessionId } from '../shared/ids.js';
import type { Store } from '../store/store.js';
import type { ChangeParts, ChangeType } from './changes.js';
import { nextPresence, PRESENCE_GRACE_MS, type PresenceEvent } from './presence.js';

export interface PresenceOwner {
  store: Store;
  emit(type: ChangeType, sessionId: SessionId, parts: ChangeParts): void;
  waiterCount(sessionId: SessionId): number;
}

export class PresenceTracker {
  private readonly graces = new Map<SessionId, NodeJS.Timeout>();

  constructor(
    private readonly owner: PresenceOwner,
    private readonly graceMs = PRESENCE_GRACE_MS,
  ) {}

  /**
   * One fact about the session's Codex; true when presence changed. `quiet`: the caller emits a change with the
   * session right after, which carries the new presence, so none is emitted here. Driven sessions are not tracked:
   * Codex Pro Max starts their Codex itself.
   */
  note(sessionId: SessionId, event: PresenceEvent, quiet = false): boolean {
    this.forget(sessionId);
    const { sessions } = this.owner.store;
    if (sessions.flags(sessionId)?.kind !== 'attached') return false;
    const current = sessions.presenceOf(sessionId);
    const next = nextPresence(current, event);
    if (next === current) return false;
    sessions.setPresence(sessionId, next);
    if (!quiet) this.owner.emit('presence.changed', sessionId, { session: true });
    return true;
  }

  /**
   * A wait ended without handing anything over. The MCP client opens the next one at once, so only a grace period
   * with no new wait says something: a dropped connection then means Codex went away, a passed bound that it stopped
   * waiting (alive, not in the loop).
   */
  waitEnded(sessionId: SessionId, how: 'timed_out' | 'dropped'): void {
    this.forget(sessionId);
    const timer = setTimeout(() => {
      this.graces.delete(sessionId);
      try {
        if (this.owner.waiterCount(sessionId) === 0)
          this.note(sessionId, how === 'dropped' ? 'wait_dropped_quiet' : 'wait_timed_out_quiet');
      } catch {
        // The session was deleted or the store closed meanwhile: there is nobody left to tell.
      }
    }, this.graceMs);
    timer.unref();
    this.graces.set(sessionId, timer);
  }

  /** Drops a pending grace timer (a newer fact replaces it, or the session is gone). */
  forget(sessionId: SessionId): void {
    const timer = this.graces.get(sessionId);
    if (!timer) return;
    clearTimeout(timer);
    this.graces.delete(sessionId);
  }
}
