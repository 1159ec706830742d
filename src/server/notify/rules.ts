// Which domain change is worth a phone notification, and what it says: a pure function of the change and the
// session's status before it. Only what Codex did counts (a conclusion, an approval request, a turn that failed or
// finished), never the person's own actions.
import type { SessionChange } from '../../delivery/changes.js';
import type { SessionId } from '../../shared/ids.js';
import { NOTIFICATION_KIND_LABEL, type NotificationKind } from '../../shared/notifications.js';
import type { SessionStatus } from '../../shared/schemas.js';

export interface Notice {
  kind: NotificationKind;
  sessionId: SessionId;
  /** Names the event itself, so that the same event seen twice (a re-sent approval) is told once. */
  key: string;
  /** The session's name; with hidden content it is all the notification says beside its kind. */
  sessionTitle: string;
  /** What happened, in Codex's words or ours; never sent with hidden content. */
  detail: string;
}

const MAX_DETAIL = 180;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL - 1)}…` : flat;
}

/**
 * The notice a change calls for, or null. `previous` is the session's status before this change (undefined when not
 * known since the server started); `titleOf` names a session for changes that do not carry it.
 */
export function noticeFor(change: SessionChange, previous: SessionStatus | undefined, titleOf: (id: SessionId) => string): Notice | null {
  const { sessionId, session } = change;
  const title = () => session?.title ?? titleOf(sessionId);
  // A conclusion: Codex handed its work back and waits for the next prompt.
  if (change.type === 'conclusion.stored' && change.entry?.role === 'codex') {
    if (session?.status === 'STOPPED') return null;
    return { kind: 'waiting', sessionId, key: `waiting:${change.entry.id}`, sessionTitle: title(), detail: shorten(change.entry.content) };
  }
  // An approval request that just opened (closing ones are answers, not news).
  if (change.type === 'approval.changed' && change.approval?.state === 'open') {
    const a = change.approval;
    const what = a.command ? `${a.title}: ${a.command}` : a.title;
    return {
      kind: 'approval',
      sessionId,
      key: `approval:${a.id}`,
      sessionTitle: title(),
      detail: shorten(a.cwd ? `${what} (in ${a.cwd})` : what),
    };
  }
  if (!session) return null;
  const settled = change.type === 'turn.settled';
  // A failure: a drive turn that settled in error, or a status that just turned to error (a live thread's turn).
  if (session.status === 'ERROR' && (settled || (previous !== undefined && previous !== 'ERROR'))) {
    return {
      kind: 'failed',
      sessionId,
      key: `failed:${sessionId}:${session.updatedAt}`,
      sessionTitle: session.title,
      detail: shorten(session.statusDetail ?? 'Codex stopped with an error.'),
    };
  }
  // A driven session's turn ended well and nothing more is queued (a queued prompt starts the next turn at once).
  const ended = settled || previous === 'RUNNING';
  const more = (change.queue ?? []).some((p) => p.state === 'queued');
  if (session.kind === 'driven' && session.status === 'WAITING_FOR_INSTRUCTION' && ended && !more) {
    return {
      kind: 'done',
      sessionId,
      key: `done:${sessionId}:${session.updatedAt}`,
      sessionTitle: session.title,
      detail: shorten(session.latestConclusion ?? 'Ready for your next prompt.'),
    };
  }
  return null;
}

/** The heading a notice is shown with: its kind, and the session unless that is all the notification may say. */
export function headingOf(notice: Notice): string {
  return `${NOTIFICATION_KIND_LABEL[notice.kind]}: ${notice.sessionTitle}`;
}

/** When two notices for one session meet in a window, the one that holds Codex up wins; otherwise the newer. */
const RANK: Record<NotificationKind, number> = { approval: 3, failed: 2, waiting: 1, done: 0 };
export function strongerNotice(held: Notice | null, next: Notice): Notice {
  return held && RANK[held.kind] > RANK[next.kind] ? held : next;
}
