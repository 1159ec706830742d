// Search hits, best first, virtualised: the session, the turn and a snippet with the match highlighted. Choosing one
// opens the transcript at that line of the rollout.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { HistoryHit, HistoryHitField } from '../../../src/shared/history.js';
import { fullTime, relativeTime } from '../lib/time.js';
import { Snippet } from './Snippet.js';
import type { SearchState } from './useHistorySearch.js';

const FIELD_LABEL: Record<HistoryHitField, string> = {
  prompts: 'Prompt',
  messages: 'Message',
  commands: 'Command',
  files: 'File',
  title: 'Title',
};

interface Props {
  search: SearchState & { loadMore: () => void };
  now: number;
  onOpen: (hit: HistoryHit) => void;
}

export function SearchResults({ search, now, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const { hits } = search;
  const list = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 92,
    getItemKey: (i) => `${hits[i]?.threadId}:${hits[i]?.offset}:${i}`,
    overscan: 6,
  });
  const items = list.getVirtualItems();
  const nearEnd = (items.at(-1)?.index ?? -1) >= hits.length - 5;
  const { loadMore } = search;
  useEffect(() => {
    if (nearEnd && search.nextCursor) loadMore();
  }, [nearEnd, search.nextCursor, loadMore]);

  return (
    <div className="history-scroll" ref={scroller}>
      <p className="history-search-note muted" role="status">
        {search.loading && hits.length === 0
          ? 'Searching…'
          : search.error
            ? search.error
            : `${hits.length}${search.nextCursor ? '+' : ''} match${hits.length === 1 ? '' : 'es'}${search.tookMs !== null ? ` in ${Math.round(search.tookMs)} ms` : ''}${search.complete ? '' : ' so far (the index is still being built)'}`}
      </p>
      <div style={{ height: list.getTotalSize(), position: 'relative' }}>
        <ul className="history-rows" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => {
            const hit = hits[item.index] as HistoryHit;
            const s = search.sessions.get(hit.threadId);
            return (
              <li key={item.key} data-index={item.index} ref={list.measureElement} className="history-li">
                <button type="button" className="history-hit" onClick={() => onOpen(hit)}>
                  <span className="history-row-title">{s?.title ?? hit.threadId}</span>
                  <span className="history-row-meta">
                    {s && <span>{s.project.label || 'No folder'}</span>}
                    <span>Turn {hit.turnIndex + 1}</span>
                    <span className="history-chip">{FIELD_LABEL[hit.field]}</span>
                    {hit.atIso && (
                      <time dateTime={hit.atIso} title={fullTime(hit.atIso)}>
                        {relativeTime(hit.atIso, now)}
                      </time>
                    )}
                  </span>
                  <Snippet parts={hit.snippet} />
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
