// The open approvals of a live session, above the composer so they are in view however far up the person scrolled.
// A click posts the answer; "approval_closed" means it was answered elsewhere first, and nothing else is sent.
import type { SessionId } from '../../../src/shared/ids.js';
import type { ApprovalAnswerBody } from '../../../src/shared/live.js';
import { ApiError, api } from '../api.js';
import { useToast } from '../components/Toasts.js';
import { type AnswerOutcome, ApprovalCard } from './ApprovalCard.js';
import { useApprovals } from './useApprovals.js';

export const ANSWERED_ELSEWHERE = 'Already answered in the terminal.';

export function ApprovalList({ sessionId }: { sessionId: SessionId }) {
  const { approvals } = useApprovals(sessionId);
  const toast = useToast();
  if (approvals.length === 0) return null;

  const answer = async (approvalId: string, body: ApprovalAnswerBody): Promise<AnswerOutcome> => {
    try {
      await api.answerApproval(approvalId, body);
      return 'sent';
    } catch (error) {
      if (error instanceof ApiError && error.is('approval_closed')) {
        toast(ANSWERED_ELSEWHERE, 'info');
        return 'closed';
      }
      toast(error);
      return 'failed';
    }
  };

  return (
    <section className="live-approvals" aria-label="Approvals needed">
      {approvals.map((a) => (
        <ApprovalCard key={a.id} approval={a} onAnswer={(body) => answer(a.id, body)} />
      ))}
    </section>
  );
}
