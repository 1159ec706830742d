// A live thread as it happens, grouped by turn: older turns on request ("Show earlier"), the running turn streaming
// at the bottom. Stays pinned to the bottom while the person reads the end, like the timeline.
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import type { LiveStatus, LiveTurn } from '../../../src/shared/live.js';
import { IconArrowDown } from '../components/icons.js';
import { LiveItem } from './LiveItem.js';
import type { LiveTranscript as Transcript } from './useLiveTranscript.js';

const TURN_WORD: Record<LiveTurn['status'], string> = {
  in_progress: 'Working',
  completed: 'Done',
  interrupted: 'Interrupted',
  failed: 'Failed',
};

function Turn({ turn, n }: { turn: LiveTurn; n: number }) {
  const running = turn.status === 'in_progress';
  const last = turn.items[turn.items.length - 1];
  return (
    <section className={`live-turn ${turn.status}`} aria-label={`Turn ${n}`} data-turn-id={turn.id}>
      <div className="live-turn-head">
        <span>Turn {n}</span>
        <span className={`live-turn-status ${turn.status}`}>{TURN_WORD[turn.status]}</span>
      </div>
      {turn.items.map((item) => (
        <LiveItem key={item.id} item={item} streaming={running && item === last} />
      ))}
      {turn.error && (
        <p className="live-turn-error" role="alert">
          {turn.error}
        </p>
      )}
    </section>
  );
}

interface Props {
  transcript: Transcript;
  status: LiveStatus;
  /** Rendered after the last turn, inside the scrolling log. */
  footer?: ReactNode;
}

export function LiveTranscript({ transcript, status, footer }: Props) {
  const { view, error, earlierError, loadingEarlier, showEarlier } = transcript;
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const lastTurn = view.turns[view.turns.length - 1];
  const lastItem = lastTurn?.items[lastTurn.items.length - 1];
  // Grows with every streamed piece, so the view follows the text as it arrives.
  const tail = `${view.turns.length}:${lastTurn?.items.length}:${lastItem ? JSON.stringify(lastItem).length : 0}:${status}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run exactly when new content arrives at the end
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (pinned.current) el.scrollTop = el.scrollHeight;
    else setShowJump(true);
  }, [tail]);

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
    <div className="timeline-wrap live-transcript-wrap">
      <div className="timeline live-transcript" ref={scroller} onScroll={onScroll} role="log" aria-label="Live transcript">
        {view.before && (
          <button type="button" className="show-earlier" disabled={loadingEarlier} onClick={() => void showEarlier()}>
            {loadingEarlier ? 'Loading…' : 'Show earlier'}
          </button>
        )}
        {earlierError && <p className="timeline-empty">Earlier turns could not be loaded: {earlierError}</p>}
        {error && view.turns.length === 0 && <p className="timeline-empty">The thread’s history could not be loaded: {error}</p>}
        {!error && view.turns.length === 0 && (
          <p className="timeline-empty">
            {status === 'working' ? 'Codex is starting a turn…' : 'Nothing in this thread yet. Send a prompt to start a turn.'}
          </p>
        )}
        {view.turns.map((turn, i) => (
          <Turn key={turn.id} turn={turn} n={i + 1} />
        ))}
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
