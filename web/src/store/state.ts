// The browser's copy of server state: session summaries, details of the sessions it opened, and slash prompts.
// Everything here comes from the server (snapshot + pushes); drafts live elsewhere. The push order (seq) is tracked
// by useLiveState, not here, so a push that changes nothing shown leaves this state the same object.
import type { SessionId } from '../../../src/shared/ids.js';
import type { Attachment, Prompt, SessionDetail, SessionSummary, SlashPrompt, TimelineEntry } from '../../../src/shared/schemas.js';

export interface SessionContent {
  /** The newest page of the timeline and any earlier pages the person asked for, oldest first. */
  timeline: TimelineEntry[];
  /** Whether the server holds entries older than `timeline[0]`. */
  hasEarlier: boolean;
  queue: Prompt[];
  attachments: Attachment[];
}

export interface AppState {
  sessions: Record<string, SessionSummary>;
  /** Loaded only for sessions the person opened (at most MAX_DETAILS); pushes for others update summaries only. */
  details: Record<string, SessionContent>;
  slashPrompts: SlashPrompt[];
  /** Sessions deleted while this page was open, so an open view can say so. */
  deleted: Record<string, true>;
}

/** A session detail as the server answers it: the session and whether its timeline has earlier pages. */
export interface LoadedDetail {
  detail: SessionDetail;
  hasEarlier: boolean;
}

/** How many opened sessions keep their content; the least recently loaded goes first (it is fetched again if opened). */
export const MAX_DETAILS = 6;

export const initialState: AppState = { sessions: {}, details: {}, slashPrompts: [], deleted: {} };

/** Most recent activity first, then the newest, then by id (the server's order). ISO times compare as strings. */
function byRecency(a: SessionSummary, b: SessionSummary): number {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Session summaries, most recent activity first. With the previous answer it re-sorts only when the set of sessions
 * or a time the order depends on changed; otherwise it keeps the order (and returns `previous` itself if nothing
 * changed at all), so a status or usage change costs one pass, not a sort.
 */
export function sortedSessions(sessions: Record<string, SessionSummary>, previous?: SessionSummary[]): SessionSummary[] {
  if (previous && previous.length === Object.keys(sessions).length) {
    let sameOrder = true;
    let changed = false;
    const next = previous.map((p) => {
      const s = sessions[p.id];
      if (!s || s.lastActivityAt !== p.lastActivityAt || s.createdAt !== p.createdAt) sameOrder = false;
      if (s !== p) changed = true;
      return s as SessionSummary;
    });
    if (sameOrder) return changed ? next : previous;
  }
  return Object.values(sessions).sort(byRecency);
}

/** Replaces everything with a fresh snapshot; details of sessions not re-fetched are dropped as possibly stale. */
export function applySnapshot(
  state: AppState,
  snapshot: { sessions: SessionSummary[]; details: LoadedDetail[]; slashPrompts: SlashPrompt[] },
): AppState {
  const sessions: Record<string, SessionSummary> = {};
  for (const s of snapshot.sessions) sessions[s.id] = s;
  const details: Record<string, SessionContent> = {};
  for (const loaded of snapshot.details) {
    const d = loaded.detail;
    // The open session is kept even when it is not in the pages of the list loaded so far.
    sessions[d.id] = stripDetail(d);
    details[d.id] = contentOf(loaded);
  }
  return { ...state, sessions, details, slashPrompts: snapshot.slashPrompts };
}

/** Stores one freshly fetched session detail (after opening a session), forgetting the oldest beyond MAX_DETAILS. */
export function applyDetail(state: AppState, loaded: LoadedDetail): AppState {
  const id = loaded.detail.id;
  const { [id]: _previous, ...others } = state.details;
  const kept = Object.keys(others);
  for (const old of kept.slice(0, Math.max(0, kept.length - (MAX_DETAILS - 1)))) delete others[old];
  return {
    ...state,
    sessions: { ...state.sessions, [id]: stripDetail(loaded.detail) },
    details: { ...others, [id]: contentOf(loaded) },
  };
}

/**
 * Adds an earlier page in front of a loaded timeline. Applied only if the timeline still starts where the page was
 * asked from (`before`): after a clear or a reload the page no longer belongs in front of it.
 */
export function applyEarlier(
  state: AppState,
  sessionId: string,
  page: { before: number; entries: TimelineEntry[]; hasEarlier: boolean },
): AppState {
  const current = state.details[sessionId];
  if (!current || current.timeline[0]?.seq !== page.before) return state;
  const held = new Set(current.timeline.map((e) => e.id));
  const older = page.entries.filter((e) => !held.has(e.id) && e.seq < page.before).sort((a, b) => a.seq - b.seq);
  const content = { ...current, timeline: [...older, ...current.timeline], hasEarlier: page.hasEarlier };
  return { ...state, details: { ...state.details, [sessionId]: content } };
}

function contentOf({ detail, hasEarlier }: LoadedDetail): SessionContent {
  return { timeline: detail.timeline, hasEarlier, queue: detail.queue, attachments: detail.attachments };
}

function stripDetail(d: SessionDetail): SessionSummary {
  const { timeline: _t, queue: _q, attachments: _a, ...summary } = d;
  return summary;
}

export function isKnown(state: AppState, id: SessionId | null): id is SessionId {
  return id !== null && state.sessions[id] !== undefined;
}
