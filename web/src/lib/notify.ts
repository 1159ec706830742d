// When to tell the person that Codex is waiting: only for a new conclusion pushed by Codex (never the person's own
// actions), and not when they are already looking at that session.
import type { SessionSummary } from '../../../src/shared/schemas.js';
import type { ReceivedPush } from '../store/applyPush.js';
import type { AppState } from '../store/state.js';

export interface Notice {
  sessionId: string;
  title: string;
  body: string;
}

/** A notice for a pushed Codex conclusion; null for everything else. */
export function conclusionNotice(
  msg: ReceivedPush,
  state: AppState,
  viewing: { sessionId: string | null; visible: boolean },
): Notice | null {
  if (msg.type !== 'timeline.appended' || msg.entry.role !== 'codex') return null;
  const session = state.sessions[msg.sessionId];
  if (session?.status === 'STOPPED') return null;
  if (viewing.visible && viewing.sessionId === msg.sessionId) return null;
  const body = msg.entry.content.replace(/\s+/g, ' ').trim();
  return {
    sessionId: msg.sessionId,
    title: `Codex is waiting: ${session?.title ?? 'a session'}`,
    body: body.length > 180 ? `${body.slice(0, 179)}…` : body,
  };
}

/** How many sessions wait for the person, for the tab title. */
export function waitingCount(sessions: Record<string, SessionSummary>): number {
  return Object.values(sessions).filter((s) => s.status === 'WAITING_FOR_INSTRUCTION').length;
}

export function tabTitle(waiting: number): string {
  return waiting > 0 ? `(${waiting}) Codex Pro Max` : 'Codex Pro Max';
}
