// The conversation: prompts and conclusions in order. Virtualised — only the entries near the view are in the
// page, each measured once it renders — so a long session scrolls smoothly; earlier pages load on request. It
// opens at the newest entry and follows new output (usePinnedScroll) until the person scrolls up.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { TimelineEntry as Entry, SessionStatus } from '../../../src/shared/schemas.js';
import { usePinnedScroll } from '../hooks/usePinnedScroll.js';
import { IconArrowDown } from './icons.js';
import { TimelineEntry } from './TimelineEntry.js';
import { usePrepareAround } from './TimelinePrepare.js';

interface Props {
  sessionKey: string;
  entries: Entry[];
  status: SessionStatus;
  loading: boolean;
  /** Whether the server has entries older than the first one here, and how to fetch them. */
  hasEarlier?: boolean;
  onShowEarlier?: () => Promise<void>;
  /** Extra content at the end of the timeline (e.g. an activity feed), added by later features. */
  footer?: ReactNode;
}

const estimates = new WeakMap<Entry, number>();

/** A height guess before an entry is measured: chrome plus wrapped lines. Measured heights replace it. */
function estimateHeight(entry: Entry | undefined): number {
  if (!entry) return 120;
  let guess = estimates.get(entry);
  if (guess === undefined) {
    let rows = 0;
    for (const line of entry.content.split('\n')) rows += Math.max(1, Math.ceil(line.length / 100));
    guess = 72 + rows * 22;
    estimates.set(entry, guess);
  }
  return guess;
}

export function Timeline({ sessionKey, entries, status, loading, hasEarlier = false, onShowEarlier, footer }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const { pinned, jump, handlers } = usePinnedScroll(scroller, content);
  const [listTop, setListTop] = useState(0);
  const [fetchingEarlier, setFetchingEarlier] = useState(false);

  // Entries up to this seq were there when the conversation first loaded; later ones arrived live. (SessionView is
  // keyed by session, so a new session starts afresh.)
  const loadedUpTo = useRef<number | null>(null);
  if (loadedUpTo.current === null && !loading) loadedUpTo.current = entries.at(-1)?.seq ?? 0;

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimateHeight(entries[i]),
    getItemKey: (i) => entries[i]?.id ?? i,
    overscan: 4,
    scrollMargin: listTop,
    // The first render lays out the newest entries, and an earlier page added in front keeps the view where it is.
    initialOffset: () => Number.MAX_SAFE_INTEGER,
    anchorTo: 'end',
    // Scrolling moves the rendered entries by writing their positions, not by rendering again: React renders only
    // when the range of entries changes, so a frame that merely scrolls runs almost no script.
    directDomUpdates: true,
    directDomUpdatesMode: 'position',
    // An entry coming into range renders in its own task after the frame, not inside the frame's scroll event: the
    // overscan keeps it off screen for that frame, and the frame does not carry both its script and its layout.
    useFlushSync: false,
  });

  // The list starts below the "show earlier" button and the padding; the virtualiser counts offsets from there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the list moves exactly when what is above it changes
  useLayoutEffect(() => {
    const el = scroller.current;
    const top = list.current;
    if (!el || !top) return;
    setListTop(top.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop);
  }, [hasEarlier, entries.length === 0, loading, sessionKey]);

  // The list is both where the offsets start (above) and where the virtualiser writes the total height.
  const setList = useCallback(
    (node: HTMLDivElement | null) => {
      list.current = node;
      virtualizer.containerRef(node);
    },
    [virtualizer],
  );

  const showEarlier = async () => {
    if (!onShowEarlier || fetchingEarlier) return;
    setFetchingEarlier(true);
    try {
      await onShowEarlier();
    } finally {
      setFetchingEarlier(false);
    }
  };

  const items = virtualizer.getVirtualItems();
  usePrepareAround(entries, items[0]?.index, items.at(-1)?.index);
  return (
    <div className="timeline-wrap">
      <div className="timeline" ref={scroller} {...handlers} role="log" aria-label="Conversation" aria-live="polite">
        <div ref={content}>
          {hasEarlier && onShowEarlier && (
            <button type="button" className="show-earlier" onClick={showEarlier} disabled={fetchingEarlier}>
              {fetchingEarlier ? 'Loading earlier messages…' : 'Show earlier messages'}
            </button>
          )}
          {entries.length === 0 && !loading && (
            <p className="timeline-empty">
              {status === 'RUNNING' ? 'Codex is working. Its conclusion will appear here.' : 'No messages yet.'}
            </p>
          )}
          {loading && entries.length === 0 && <p className="timeline-empty">Loading the conversation…</p>}
          <div ref={setList} className="timeline-list" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const entry = entries[item.index] as Entry;
              return (
                <div key={item.key} className="entry-slot" data-index={item.index} ref={virtualizer.measureElement}>
                  <TimelineEntry entry={entry} live={loadedUpTo.current !== null && entry.seq > loadedUpTo.current} />
                </div>
              );
            })}
          </div>
          {status === 'RUNNING' && entries.length > 0 && (
            <p className="working" role="status">
              <span className="pulse" aria-hidden="true" /> Codex is working…
            </p>
          )}
          {footer}
        </div>
      </div>
      {!pinned && (
        <button type="button" className="jump-latest" onClick={jump} aria-label="Jump to the latest message">
          <IconArrowDown />
        </button>
      )}
    </div>
  );
}
