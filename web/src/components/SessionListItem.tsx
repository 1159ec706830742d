// One session in the sidebar: status, title, latest conclusion, last activity, unread and queued markers.
import { memo } from 'react';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { STATUS_CLASS, STATUS_LABEL } from '../lib/status.js';
import { fullTime, relativeTime } from '../lib/time.js';

interface Props {
  session: SessionSummary;
  selected: boolean;
  now: number;
  onOpen: () => void;
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

export const SessionListItem = memo(function SessionListItem({ session, selected, now, onOpen }: Props) {
  const s = session;
  const snippet = snippetOf(s.latestConclusion ?? '');
  return (
    <li>
      <button
        type="button"
        className={`session-item${selected ? ' selected' : ''}${s.unread ? ' unread' : ''}`}
        aria-current={selected ? 'page' : undefined}
        onClick={onOpen}
        data-session-id={s.id}
      >
        <span
          className={`status-dot ${STATUS_CLASS[s.status]}`}
          role="img"
          aria-label={STATUS_LABEL[s.status]}
          title={STATUS_LABEL[s.status]}
        />
        <span className="session-item-main">
          <span className="session-item-title">
            {s.title}
            {s.unread && <span className="unread-dot" role="img" aria-label="Unread conclusion" />}
          </span>
          {snippet && <span className="session-item-snippet">{snippet}</span>}
          <span className="session-item-meta">
            <span>{STATUS_LABEL[s.status]}</span>
            <time dateTime={s.lastActivityAt} title={fullTime(s.lastActivityAt)}>
              {relativeTime(s.lastActivityAt, now)}
            </time>
            {s.queuedCount > 0 && <span>{s.queuedCount} queued</span>}
            {s.attachmentCount > 0 && <span>{s.attachmentCount} files</span>}
          </span>
        </span>
      </button>
    </li>
  );
});
