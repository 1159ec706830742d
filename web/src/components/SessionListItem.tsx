// One session in the sidebar: status, title, latest conclusion, last activity, unread and queued markers.
import { memo, useMemo } from 'react';
import type { SessionId } from '../../../src/shared/ids.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { useExactTime } from '../hooks/useExactTime.js';
import { STATUS_CLASS, STATUS_LABEL } from '../lib/status.js';
import { relativeTime } from '../lib/time.js';
import { LiveChip } from '../live/LiveChip.js';
import { LIVE_DOT_CLASS, LIVE_STATUS_LABEL } from '../live/model.js';
import { PresenceBadge } from '../presence/PresenceBadge.js';

interface Props {
  session: SessionSummary;
  selected: boolean;
  now: number;
  /** Stable across renders (the row is memoised), called with this row's session. */
  onOpen: (id: SessionId) => void;
  /** Its place in the virtualised list, and the callback that measures it there. */
  index: number;
  measure: (el: HTMLLIElement | null) => void;
}

/** A one-line preview of Markdown: no markup, table rules, task boxes or math fences. */
export function snippetOf(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, ' ')
    .replace(/\[[ xX]\]/g, ' ')
    .replace(/[#*`>_~|$\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 140);
}

export const SessionListItem = memo(function SessionListItem({ session, selected, now, onOpen, index, measure }: Props) {
  const s = session;
  // The clock tick re-renders every row; these only change with the session.
  const snippet = useMemo(() => snippetOf(s.latestConclusion ?? ''), [s.latestConclusion]);
  const exactTime = useExactTime(s.lastActivityAt);
  // A live thread says what the daemon reports; the loop's status would be stale for it.
  const dotClass = s.live ? LIVE_DOT_CLASS[s.live.status] : STATUS_CLASS[s.status];
  const label = s.live ? LIVE_STATUS_LABEL[s.live.status] : STATUS_LABEL[s.status];
  return (
    <li data-index={index} ref={measure}>
      <button
        type="button"
        className={`session-item${selected ? ' selected' : ''}${s.unread ? ' unread' : ''}`}
        aria-current={selected ? 'page' : undefined}
        onClick={() => onOpen(s.id)}
        data-session-id={s.id}
      >
        <span className={`status-dot ${dotClass}`} role="img" aria-label={label} title={label} />
        <span className="session-item-main">
          <span className="session-item-title">
            {s.title}
            {s.unread && <span className="unread-dot" role="img" aria-label="Unread conclusion" />}
          </span>
          {snippet && <span className="session-item-snippet">{snippet}</span>}
          <span className="session-item-meta">
            {s.live ? <LiveChip live={s.live} /> : <span>{label}</span>}
            <PresenceBadge session={s} />
            <time dateTime={s.lastActivityAt} title={exactTime}>
              {relativeTime(s.lastActivityAt, now)}
            </time>
            {s.queuedCount > 0 && <span>{s.queuedCount} queued</span>}
            {s.attachmentCount > 0 && <span>{s.attachmentCount === 1 ? '1 file' : `${s.attachmentCount} files`}</span>}
          </span>
        </span>
      </button>
    </li>
  );
});
