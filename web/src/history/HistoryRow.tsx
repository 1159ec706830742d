// One session in the History list: its title, when it was last active, who started it, its size; opens its transcript.
import { memo } from 'react';
import type { HistorySession } from '../../../src/shared/history.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { fullTime, relativeTime } from '../lib/time.js';
import { count, ORIGINATOR_LABEL, tokensShort } from './labels.js';

interface Props {
  session: HistorySession;
  known: SessionSummary | undefined;
  now: number;
  onOpen: (threadId: string) => void;
}

export const HistoryRow = memo(function HistoryRow({ session: s, known, now, onOpen }: Props) {
  const live = known?.live && known.live.status !== 'closed';
  return (
    <button type="button" className="history-row" onClick={() => onOpen(s.threadId)} data-thread={s.threadId}>
      <span className="history-row-title">
        {s.title}
        {live && <span className="history-chip live">Live</span>}
        {s.archived && <span className="history-chip">Archived</span>}
      </span>
      <span className="history-row-meta">
        <time dateTime={s.updatedAtIso} title={fullTime(s.updatedAtIso)}>
          {relativeTime(s.updatedAtIso, now)}
        </time>
        <span title={s.originatorRaw ?? undefined}>{ORIGINATOR_LABEL[s.originator]}</span>
        <span>
          {count(s.turns)} turn{s.turns === 1 ? '' : 's'}
        </span>
        {s.tokens !== null && <span>{tokensShort(s.tokens)}</span>}
        {s.model && <span className="only-wide">{s.model}</span>}
      </span>
    </button>
  );
});
