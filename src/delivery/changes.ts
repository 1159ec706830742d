// The domain events: one per change to a session, its queue, its timeline or its attachments, emitted only by
// Delivery after the change is stored. The browser push bridge, drive mode and the rollout follower subscribe here;
// none of them writes sessions or publishes session pushes itself.

import type { ContextLink } from '../shared/context.js';
import type { SessionId } from '../shared/ids.js';
import type { Approval } from '../shared/live.js';
import type { Attachment, Prompt, SessionSummary, TimelineEntry } from '../shared/schemas.js';

export type ChangeType =
  | 'session.created'
  | 'session.attached'
  | 'thread.bound'
  | 'conclusion.stored'
  | 'session.waiting'
  | 'presence.changed'
  | 'session.taken_over'
  | 'prompt.queued'
  | 'prompt.edited'
  | 'prompt.removed'
  | 'queue.reordered'
  | 'prompt.claimed'
  | 'prompt.handed'
  | 'prompt.requeued'
  | 'prompt.acknowledged'
  | 'turn.started'
  | 'turn.waiting_for_slot'
  | 'turn.settled'
  | 'session.stopped'
  | 'session.renamed'
  | 'session.read'
  | 'timeline.cleared'
  | 'attachments.changed'
  | 'rollout.located'
  | 'session.deleted'
  | 'live.seen'
  | 'live.changed'
  | 'approval.changed'
  | 'context.carried';

/** What changed, with the state after it that readers of the change need (absent parts did not change). */
export interface SessionChange {
  type: ChangeType;
  sessionId: SessionId;
  session?: SessionSummary;
  queue?: Prompt[];
  entry?: TimelineEntry;
  attachments?: Attachment[];
  approval?: Approval;
  /** A session carried on from others: the link, for the new session and every source to show. */
  carried?: ContextLink;
}

/** Which parts of the state a change carries: `true` reads the current value; an entry is passed as stored. */
export interface ChangeParts {
  session?: boolean;
  queue?: boolean;
  attachments?: boolean;
  entry?: TimelineEntry | null;
}

export type ChangeListener = (change: SessionChange) => void;

/** Listeners run in subscription order, synchronously, right after the change is stored. */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: SessionChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
