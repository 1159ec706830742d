// The History list, grouped by project, virtualised: only rows near the view are in the page, so 5,000 sessions cost
// what a screenful does. The row that says "Loading…" asks for the next page when it comes into view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import type { Row } from './groups.js';
import { HistoryRow } from './HistoryRow.js';
import { count } from './labels.js';

interface Props {
  rows: Row[];
  known: Map<string, SessionSummary>;
  now: number;
  onOpen: (threadId: string) => void;
  onToggle: (projectKey: string) => void;
  onLoadMore: () => void;
}

const HEADER = 40;
const ROW = 58;

export function HistoryList({ rows, known, now, onOpen, onToggle, onLoadMore }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'header' ? HEADER : ROW),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
  });
  const items = list.getVirtualItems();
  const last = items.at(-1);
  const wantsMore = last !== undefined && rows[last.index]?.kind === 'more';
  useEffect(() => {
    if (wantsMore) onLoadMore();
  });

  return (
    <div className="history-scroll" ref={scroller}>
      <div style={{ height: list.getTotalSize(), position: 'relative' }}>
        <ul className="history-rows" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => {
            const row = rows[item.index] as Row;
            return (
              <li key={row.key} data-index={item.index} ref={list.measureElement} className={`history-li ${row.kind}`}>
                {row.kind === 'header' ? (
                  <button
                    type="button"
                    className="history-group"
                    aria-expanded={!row.group.collapsed}
                    onClick={() => onToggle(row.group.project.key)}
                    title={row.group.project.key || 'Sessions whose rollout names no folder'}
                  >
                    <span className="history-caret" aria-hidden="true">
                      {row.group.collapsed ? '▸' : '▾'}
                    </span>
                    <span className="history-group-label">{row.group.project.label || 'No folder'}</span>
                    <span className="history-group-count">{count(row.group.total ?? row.group.project.sessions)}</span>
                  </button>
                ) : row.kind === 'session' ? (
                  <HistoryRow
                    session={row.session}
                    known={row.session.sessionId ? known.get(row.session.sessionId) : undefined}
                    now={now}
                    onOpen={onOpen}
                  />
                ) : (
                  <div className="history-more muted">Loading…</div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
