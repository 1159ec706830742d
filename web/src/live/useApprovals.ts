// The open approvals of one session: loaded when it opens (and after every reconnect), then approval.changed pushes
// add, replace or remove them, so an approval answered anywhere leaves every open tab at once.
import type { SessionId } from '../../../src/shared/ids.js';
import type { Approval } from '../../../src/shared/live.js';
import { api } from '../api.js';
import { useSnapshot } from '../hooks/useSnapshot.js';
import { applyApprovalPush } from './model.js';

export function useApprovals(sessionId: SessionId): { approvals: Approval[]; error: string | null } {
  const { snapshot, error } = useSnapshot<Approval[], Approval>(`approvals:${sessionId}`, {
    initial: [],
    load: async () => (await api.approvals(sessionId)).filter((a) => a.state === 'open'),
    select: (msg) => (msg.type === 'approval.changed' ? msg.approval : null),
    apply: (open, approval) => applyApprovalPush(open, sessionId, approval),
  });
  return { approvals: snapshot, error };
}
