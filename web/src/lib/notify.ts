// When to tell the person that Codex is waiting: only for a new conclusion pushed by Codex (never the person's own
// actions), and not when they are already looking at that session.
import type { SessionSummary } from '../../../src/shared/schemas.js';
import type { ReceivedPush } from '../store/applyPush.js';
import type { AppState } from '../store/state.js';

export interface Notice {
  sessionId: string;
  title: string;
  body: string;
  /** Notifications with the same tag replace each other; defaults to one per session. */
  tag?: string;
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

/** A notice for an approval request that just opened; its tag makes a repeat replace the first rather than stack. */
export function approvalNotice(msg: ReceivedPush, state: AppState, viewing: { sessionId: string | null; visible: boolean }): Notice | null {
  if (msg.type !== 'approval.changed' || msg.approval.state !== 'open') return null;
  if (viewing.visible && viewing.sessionId === msg.sessionId) return null;
  const session = state.sessions[msg.sessionId];
  return {
    sessionId: msg.sessionId,
    title: `Approval needed: ${session?.title ?? 'a Codex session'}`,
    body: msg.approval.title,
    tag: `cpm-approval-${msg.approval.id}`,
  };
}

/** How many sessions wait for the person, for the tab title. */
export function waitingCount(sessions: Record<string, SessionSummary>): number {
  return Object.values(sessions).filter((s) => s.status === 'WAITING_FOR_INSTRUCTION').length;
}

/** Open approvals come first: they hold Codex up until someone answers. */
export function tabTitle(waiting: number, approvals = 0): string {
  if (approvals > 0) return `(${approvals}) Approval needed · Codex Pro Max`;
  return waiting > 0 ? `(${waiting}) Codex Pro Max` : 'Codex Pro Max';
}
