// applyPush: the pure rule for folding one server push into the browser state. Idempotent per message,
// so replaying pushes that a snapshot already contains is harmless.
import type { PushMessage } from '../../../src/shared/push.js';
import type { TimelineEntry } from '../../../src/shared/schemas.js';
import type { AppState, SessionContent } from './state.js';

/** A push as received: the envelope adds `seq` (absent in unit tests that do not care). */
export type ReceivedPush = PushMessage & { seq?: number };

/** What the caller should do about ordering: apply, or reload a snapshot because pushes were missed. */
export function seqVerdict(lastSeq: number, msg: ReceivedPush): 'apply' | 'gap' | 'stale' {
  if (msg.seq === undefined || msg.type === 'hello') return 'apply';
  if (msg.seq <= lastSeq) return 'stale';
  return msg.seq === lastSeq + 1 ? 'apply' : 'gap';
}

export function applyPush(state: AppState, msg: ReceivedPush): AppState {
  const next = msg.seq !== undefined && msg.seq > state.lastSeq ? { ...state, lastSeq: msg.seq } : state;
  switch (msg.type) {
    case 'hello':
      return msg.seq !== undefined ? { ...state, lastSeq: msg.seq } : state;
    case 'session.upserted': {
      const { [msg.sessionId]: _gone, ...deleted } = next.deleted;
      return { ...next, sessions: { ...next.sessions, [msg.sessionId]: msg.session }, deleted };
    }
    case 'session.deleted': {
      const { [msg.sessionId]: _s, ...sessions } = next.sessions;
      const { [msg.sessionId]: _d, ...details } = next.details;
      return { ...next, sessions, details, deleted: { ...next.deleted, [msg.sessionId]: true } };
    }
    case 'timeline.appended':
      return withContent(next, msg.sessionId, (c) => ({ ...c, timeline: insertEntry(c.timeline, msg.entry) }));
    case 'timeline.cleared':
      return withContent(next, msg.sessionId, (c) => ({ ...c, timeline: [] }));
    case 'queue.changed':
      return withContent(next, msg.sessionId, (c) => ({ ...c, queue: msg.queue }));
    case 'attachments.changed':
      return withContent(next, msg.sessionId, (c) => ({ ...c, attachments: msg.attachments }));
    case 'slash-prompts.changed':
      return { ...next, slashPrompts: msg.slashPrompts };
  }
  // Unreachable for decoded messages; kept so a future push type is ignored rather than crashing.
  return next;
}

/** Only sessions whose detail was loaded keep content; others learn of changes from their summary push. */
function withContent(state: AppState, sessionId: string, change: (c: SessionContent) => SessionContent): AppState {
  const current = state.details[sessionId];
  if (!current) return state;
  return { ...state, details: { ...state.details, [sessionId]: change(current) } };
}

/** Keeps the timeline ordered by seq without duplicates (a replayed push must not show twice). */
function insertEntry(timeline: TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
  if (timeline.some((e) => e.id === entry.id)) return timeline;
  const last = timeline[timeline.length - 1];
  if (!last || last.seq < entry.seq) return [...timeline, entry];
  return [...timeline, entry].sort((a, b) => a.seq - b.seq);
}
