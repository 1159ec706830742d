// The sidebar's word for a live thread: what it is doing (with the number of approvals waiting) and who started it.
import './live.css';
import type { LiveInfo } from '../../../src/shared/live.js';
import { LIVE_STATUS_LABEL, originatorLabel } from './model.js';

export function LiveChip({ live }: { live: LiveInfo }) {
  const from = originatorLabel(live.originator);
  const asking = live.pendingApprovals > 0 && live.status !== 'closed';
  return (
    <>
      <span className={`live-chip ${live.status}`} data-live-status={live.status}>
        {LIVE_STATUS_LABEL[live.status]}
        {asking && (
          <span className="live-badge" role="img" aria-label={`${live.pendingApprovals} waiting`}>
            {live.pendingApprovals}
          </span>
        )}
      </span>
      {from && <span className="live-origin">{from}</span>}
    </>
  );
}
