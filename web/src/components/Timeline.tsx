// The conversation: prompts and conclusions in order. Renders a window of the latest entries (older ones on request)
// and stays pinned to the bottom while the person is reading the end.
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import type { TimelineEntry as Entry, SessionStatus } from '../../../src/shared/schemas.js';
import { IconArrowDown } from './icons.js';
import { TimelineEntry } from './TimelineEntry.js';

/** How many entries render at first, and how many more each "show earlier" click adds. */
export const TIMELINE_WINDOW = 150;

interface Props {
  sessionKey: string;
  entries: Entry[];
  status: SessionStatus;
  loading: boolean;
  /** Extra content at the end of the timeline (e.g. an activity feed), added by later features. */
  footer?: ReactNode;
}

export function Timeline({ sessionKey, entries, status, loading, footer }: Props) {
  const [shown, setShown] = useState(TIMELINE_WINDOW);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const [showJump, setShowJump] = useState(false);

  const start = Math.max(0, entries.length - shown);
  const visible = start > 0 ? entries.slice(start) : entries;
  // Entries present when the conversation first loaded; anything later arrived live.
  const loadedIds = useRef<Set<string> | null>(null);
  if (loadedIds.current === null && !loading) loadedIds.current = new Set(entries.map((e) => e.id));
  const last = entries[entries.length - 1];

  // New entries keep the view at the bottom if the person was there; otherwise offer a jump button.
  // (SessionView is keyed by session, so a new session starts with a fresh window, pinned.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run exactly when a new entry or the status line appears
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (pinned.current) el.scrollTop = el.scrollHeight;
    else setShowJump(true);
  }, [last?.id, sessionKey, status]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (pinned.current) setShowJump(false);
  };

  const jump = () => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    pinned.current = true;
    setShowJump(false);
  };

  return (
    <div className="timeline-wrap">
      <div className="timeline" ref={scroller} onScroll={onScroll} role="log" aria-label="Conversation" aria-live="polite">
        {start > 0 && (
          <button type="button" className="show-earlier" onClick={() => setShown((n) => n + TIMELINE_WINDOW)}>
            Show {Math.min(start, TIMELINE_WINDOW)} earlier of {start} hidden messages
          </button>
        )}
        {entries.length === 0 && !loading && (
          <p className="timeline-empty">
            {status === 'RUNNING' ? 'Codex is working. Its conclusion will appear here.' : 'No messages yet.'}
          </p>
        )}
        {loading && entries.length === 0 && <p className="timeline-empty">Loading the conversation…</p>}
        {visible.map((entry) => (
          <TimelineEntry key={entry.id} entry={entry} live={loadedIds.current !== null && !loadedIds.current.has(entry.id)} />
        ))}
        {status === 'RUNNING' && entries.length > 0 && (
          <p className="working" role="status">
            <span className="pulse" aria-hidden="true" /> Codex is working…
          </p>
        )}
        {footer}
      </div>
      {showJump && (
        <button type="button" className="jump-latest" onClick={jump} aria-label="Jump to the latest message">
          <IconArrowDown />
        </button>
      )}
    </div>
  );
}
