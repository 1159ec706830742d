// The browser's copy of server state: session summaries, details of the sessions it opened, and slash prompts.
// Everything here comes from the server (snapshot + pushes); drafts live elsewhere.
import type { SessionId } from '../../../src/shared/ids.js';
import type { Attachment, Prompt, SessionDetail, SessionSummary, SlashPrompt, TimelineEntry } from '../../../src/shared/schemas.js';

export interface SessionContent {
  timeline: TimelineEntry[];
  queue: Prompt[];
  attachments: Attachment[];
}

export interface AppState {
  sessions: Record<string, SessionSummary>;
  /** Loaded only for sessions the person opened; pushes for others update summaries only. */
  details: Record<string, SessionContent>;
  slashPrompts: SlashPrompt[];
  /** The last push order number applied; a jump means a push was missed. */
  lastSeq: number;
  /** Sessions deleted while this page was open, so an open view can say so. */
  deleted: Record<string, true>;
}

export const initialState: AppState = { sessions: {}, details: {}, slashPrompts: [], lastSeq: 0, deleted: {} };

/** Session summaries, most recent activity first (the server's order). */
export function sortedSessions(state: AppState): SessionSummary[] {
  return Object.values(state.sessions).sort(
    (a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.createdAt.localeCompare(a.createdAt),
  );
}

/** Replaces everything with a fresh snapshot; details of sessions not re-fetched are dropped as possibly stale. */
export function applySnapshot(
  state: AppState,
  snapshot: { sessions: SessionSummary[]; details: SessionDetail[]; slashPrompts: SlashPrompt[]; seq: number },
): AppState {
  const sessions: Record<string, SessionSummary> = {};
  for (const s of snapshot.sessions) sessions[s.id] = s;
  const details: Record<string, SessionContent> = {};
  for (const d of snapshot.details) {
    if (!sessions[d.id]) continue;
    sessions[d.id] = stripDetail(d);
    details[d.id] = { timeline: d.timeline, queue: d.queue, attachments: d.attachments };
  }
  return { ...state, sessions, details, slashPrompts: snapshot.slashPrompts, lastSeq: snapshot.seq };
}

/** Stores one freshly fetched session detail (after opening a session). */
export function applyDetail(state: AppState, detail: SessionDetail): AppState {
  return {
    ...state,
    sessions: { ...state.sessions, [detail.id]: stripDetail(detail) },
    details: { ...state.details, [detail.id]: { timeline: detail.timeline, queue: detail.queue, attachments: detail.attachments } },
  };
}

function stripDetail(d: SessionDetail): SessionSummary {
  const { timeline: _t, queue: _q, attachments: _a, ...summary } = d;
  return summary;
}

export function isKnown(state: AppState, id: SessionId | null): id is SessionId {
  return id !== null && state.sessions[id] !== undefined;
}
