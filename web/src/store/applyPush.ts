// applyPush: the pure rule for folding one server push into the browser state. Idempotent per message,
// so replaying pushes that a snapshot already contains is harmless. A push that changes nothing the UI shows
// (usage and activity, drive events, content of a session not loaded, a summary it already has) returns the
// same state object, so React skips the render: with hundreds of busy sessions most pushes are of that kind.
import type { PushMessage } from '../../../src/shared/push.js';
import type { SessionSummary, TimelineEntry } from '../../../src/shared/schemas.js';
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
  switch (msg.type) {
    case 'session.upserted': {
      const known = state.sessions[msg.sessionId];
      if (known && !state.deleted[msg.sessionId] && sameSummary(known, msg.session)) return state;
      const { [msg.sessionId]: _gone, ...deleted } = state.deleted;
      return { ...state, sessions: { ...state.sessions, [msg.sessionId]: msg.session }, deleted };
    }
    case 'session.deleted': {
      if (!state.sessions[msg.sessionId] && !state.details[msg.sessionId] && state.deleted[msg.sessionId]) return state;
      const { [msg.sessionId]: _s, ...sessions } = state.sessions;
      const { [msg.sessionId]: _d, ...details } = state.details;
      return { ...state, sessions, details, deleted: { ...state.deleted, [msg.sessionId]: true } };
    }
    case 'timeline.appended':
      return withContent(state, msg.sessionId, (c) => {
        const timeline = insertEntry(c.timeline, msg.entry);
        return timeline === c.timeline ? c : { ...c, timeline };
      });
    case 'timeline.cleared':
      return withContent(state, msg.sessionId, (c) =>
        c.timeline.length === 0 && !c.hasEarlier ? c : { ...c, timeline: [], hasEarlier: false },
      );
    case 'queue.changed':
      return withContent(state, msg.sessionId, (c) => ({ ...c, queue: msg.queue }));
    case 'attachments.changed':
      return withContent(state, msg.sessionId, (c) => ({ ...c, attachments: msg.attachments }));
    case 'slash-prompts.changed':
      return { ...state, slashPrompts: msg.slashPrompts };
  }
  // hello, drive, usage, activity and storage pushes have their own listeners (pushBus); nothing here changes.
  return state;
}

/** Field by field; a nested value (should a summary gain one) is compared as JSON. */
function sameSummary(a: SessionSummary, b: SessionSummary): boolean {
  const keys = Object.keys(b) as (keyof SessionSummary)[];
  if (Object.keys(a).length !== keys.length) return false;
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

/** Only sessions whose detail was loaded keep content; others learn of changes from their summary push. */
function withContent(state: AppState, sessionId: string, change: (c: SessionContent) => SessionContent): AppState {
  const current = state.details[sessionId];
  if (!current) return state;
  const next = change(current);
  if (next === current) return state;
  return { ...state, details: { ...state.details, [sessionId]: next } };
}

/** Keeps the timeline ordered by seq without duplicates (a replayed push must not show twice). */
function insertEntry(timeline: TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
  const last = timeline[timeline.length - 1];
  // The usual case, a new entry after the newest: seqs are unique, so it cannot be a replay.
  if (!last || last.seq < entry.seq) return [...timeline, entry];
  if (timeline.some((e) => e.id === entry.id)) return timeline;
  return [...timeline, entry].sort((a, b) => a.seq - b.seq);
}
