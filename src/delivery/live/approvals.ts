// Opening an approval when the daemon asks one, and answering it. The first answer from any client wins and the
// daemon drops later ones without a word, so a closed approval refuses a click instead of pretending it counted.
import { answerFor, BadAnswer, describeRequest } from '../../codex/app-server/approval-requests.js';
import type { AppServerRequest } from '../../codex/app-server/messages.js';
import { ApprovalClosed, BadRequest, DaemonUnavailable, NotFound } from '../../errors.js';
import type { Approval, ApprovalAnswerBody } from '../../shared/live.js';
import type { LiveThreads } from './service.js';
import type { LiveThread } from './thread-state.js';

const CLOSED_TEXT: Record<string, string> = {
  answered: 'This was already answered here.',
  resolved_elsewhere: 'Already answered in the terminal (or another window). Nothing was changed.',
  expired: 'This request is no longer open: the connection to Codex restarted. Codex asks again if it still needs an answer.',
};

export function openApproval(live: LiveThreads, thread: LiveThread, request: AppServerRequest): Approval | null {
  // The daemon replays a request still open to a client that subscribes, so one that races our subscription to the
  // thread comes twice, with the same id: it is one approval.
  const known = live.approvals.byRequest(live.epoch, request.id);
  if (known) return known.approval;
  const description = describeRequest(request);
  if (!description) return null;
  const diff = description.itemId ? (thread.diffs.get(description.itemId) ?? null) : null;
  const approval = live.approvals.open(thread.sessionId, request, description, live.epoch, diff);
  thread.pendingApprovals += 1;
  live.delivery.approvalChanged(approval);
  live.refresh(thread);
  return approval;
}

/** Sends the person's answer over the connection the request came on; throws ApprovalClosed when it is too late. */
export function answerApproval(live: LiveThreads, approvalId: string, body: ApprovalAnswerBody): Approval {
  const entry = live.approvals.get(approvalId);
  if (!entry) throw new NotFound('That approval request');
  if (entry.approval.state !== 'open') throw new ApprovalClosed(CLOSED_TEXT[entry.approval.state] ?? CLOSED_TEXT.expired!);
  if (entry.epoch !== live.epoch || live.client.status() !== 'connected') {
    throw new DaemonUnavailable(
      'Codex Pro Max is not connected to Codex right now, so the answer cannot be sent. It reconnects by itself.',
    );
  }
  let result: unknown;
  try {
    result = answerFor(entry.request, entry.description, body);
  } catch (error) {
    if (error instanceof BadAnswer) throw new BadRequest(error.message);
    throw error;
  }
  live.client.respond(entry.request.id, result);
  const closed = live.closeApproval(live.thread(entry.approval.threadId), approvalId, 'answered', body.choice);
  return closed ?? entry.approval;
}
