// Makes a session look like a live terminal thread to the browser the way the server would, without a daemon: its
// stored live side and a session.upserted push; and what every open approval card shares. For UI tests and the
// screenshots, which then push approval.changed themselves.
import type { SessionId } from '../../src/shared/ids.js';
import type { Approval, LiveInfo } from '../../src/shared/live.js';
import type { SessionSummary } from '../../src/shared/schemas.js';
import type { Rig } from './rig.js';

/** Stores `info` as the session's live side and pushes its new summary, as the live-thread watcher does. */
export async function setLive(rig: Rig, sessionId: SessionId, info: LiveInfo): Promise<void> {
  rig.server.ctx.store.sessions.setLive(sessionId, info);
  const [, body] = await rig.call<{ sessions: SessionSummary[] }>('GET', '/api/sessions');
  const session = body.sessions.find((s) => s.id === sessionId);
  if (!session) throw new Error('the session is gone');
  rig.server.ctx.push.publish({ type: 'session.upserted', sessionId, session });
}

/** The fields an open approval asked just now in turn `turnId` shares with any other; the caller adds what it asks. */
export const openApprovalBase = (sessionId: SessionId, threadId: string, turnId: string) =>
  ({
    sessionId,
    threadId,
    turnId,
    reason: null,
    questions: [],
    formSchema: null,
    state: 'open' as const,
    answer: null,
    createdAt: new Date().toISOString(),
    closedAt: null,
  }) satisfies Partial<Approval>;

/** A terminal thread stopped in `turnId` on `pending` approvals, as the watcher stores it. */
export const waitingOnApprovals = (turnId: string, pending: number): LiveInfo => ({
  status: 'needs_approval',
  turnId,
  model: null,
  originator: 'codex-tui',
  pendingApprovals: pending,
  updatedAt: new Date().toISOString(),
});
