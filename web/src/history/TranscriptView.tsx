// A session's transcript from its rollout, with its actions. Opened at a search hit it scrolls to that item and marks
// it; earlier pages load when the top comes into view (the scroll position is kept), later ones at the bottom.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { HistorySession } from '../../../src/shared/history.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { OpenSidebarButton } from '../components/OpenSidebarButton.js';
import { CarriedLinks } from '../context/CarriedLinks.js';
import { fullTime } from '../lib/time.js';
import { historyApi } from './api.js';
import { count, ORIGINATOR_LABEL, tokensShort } from './labels.js';
import { SessionActions } from './SessionActions.js';
import { TranscriptEntry } from './TranscriptEntry.js';
import { useTranscript } from './useTranscript.js';

interface Props {
  threadId: string;
  at: number | null;
  known: Map<string, SessionSummary>;
  onBack: () => void;
  onOpenSidebar: () => void;
}

/** Calls `onSeen` whenever the element is in view of its scrolling parent. */
function useSeen(onSeen: () => void, active: boolean, again: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const cb = useRef(onSeen);
  cb.current = onSeen;
  // biome-ignore lint/correctness/useExhaustiveDependencies: observed afresh after each page, in case it is still in view
  useEffect(() => {
    const el = ref.current;
    if (!el || !active) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && cb.current(), { rootMargin: '400px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [active, again]);
  return ref;
}

export function TranscriptView({ threadId, at, known, onBack, onOpenSidebar }: Props) {
  const t = useTranscript(threadId, at);
  const [session, setSession] = useState<HistorySession | null>(null);
  useEffect(() => {
    historyApi.session(threadId).then(setSession, () => setSession(null));
  }, [threadId]);
  const scroller = useRef<HTMLDivElement>(null);
  const knownSession = session?.sessionId ? known.get(session.sessionId) : [...known.values()].find((s) => s.threadId === threadId);

  // Keep what is on screen in place when an earlier page is added above it.
  const firstOffset = t.items[0]?.offset;
  const heightBefore = useRef<{ first: number | undefined; height: number; top: number } | null>(null);
  const loadEarlier = () => {
    const el = scroller.current;
    if (el) heightBefore.current = { first: firstOffset, height: el.scrollHeight, top: el.scrollTop };
    t.loadEarlier();
  };
  useLayoutEffect(() => {
    const el = scroller.current;
    const before = heightBefore.current;
    if (!el || !before || before.first === firstOffset) return;
    el.scrollTop = before.top + (el.scrollHeight - before.height);
    heightBefore.current = null;
  }, [firstOffset]);

  // A hit names the line it matched; the item it belongs to is the first at or after that line (a command is indexed at
  // the model's call and shown from its completion, a few lines later).
  const anchor = t.anchor === null ? null : (t.items.find((i) => i.offset >= (t.anchor as number))?.offset ?? null);

  // First page: at the hit, or at the end.
  const placed = useRef(false);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || placed.current || !t.loaded) return;
    placed.current = true;
    const target = anchor === null ? null : el.querySelector(`[data-offset="${anchor}"]`);
    if (target) target.scrollIntoView({ block: 'center' });
    else el.scrollTop = el.scrollHeight;
  }, [t.loaded, anchor]);

  const top = useSeen(loadEarlier, t.loaded && t.hasEarlier, firstOffset);
  const bottom = useSeen(t.loadLater, t.loaded && t.hasLater, t.end);

  return (
    <section className="history-view transcript" aria-label="Transcript">
      <header className="history-header">
        <div className="history-title-row">
          <OpenSidebarButton onOpen={onOpenSidebar} />
          <button type="button" className="button back" onClick={onBack}>
            ← History
          </button>
          <h1 className="history-title" title={session?.title}>
            {session?.title ?? 'Session'}
          </h1>
        </div>
        <p className="history-row-meta">
          {session ? (
            <>
              <span title={session.cwd ?? undefined}>{session.project.label || 'No folder'}</span>
              <span title={session.originatorRaw ?? undefined}>{ORIGINATOR_LABEL[session.originator]}</span>
              {session.model && <span>{session.model}</span>}
              <span>{fullTime(session.updatedAtIso)}</span>
              <span>
                {count(session.turns)} turn{session.turns === 1 ? '' : 's'}
              </span>
              {session.tokens !== null && <span>{tokensShort(session.tokens)}</span>}
            </>
          ) : (
            <code>{threadId}</code>
          )}
        </p>
        <SessionActions threadId={threadId} session={session} known={knownSession} />
        <CarriedLinks threadId={threadId} />
      </header>
      <div className="transcript-scroll" ref={scroller}>
        {t.error && (
          <div className="banner error" role="alert">
            {t.error}
          </div>
        )}
        {!t.loaded && <p className="muted history-more">Loading the transcript…</p>}
        {t.loaded && t.hasEarlier && (
          <div ref={top} className="history-more muted">
            Loading earlier…
          </div>
        )}
        {t.loaded && !t.error && t.items.length === 0 && <p className="muted history-more">Nothing to read in this session yet.</p>}
        {t.items.map((item) => (
          // One line gives at most one item of a kind (a loop answer: a conclusion and the next prompt).
          <TranscriptEntry key={`${item.offset}:${item.kind}`} item={item} anchored={item.offset === anchor} />
        ))}
        {t.loaded && t.hasLater && (
          <div ref={bottom} className="history-more muted">
            Loading later…
          </div>
        )}
      </div>
    </section>
  );
}
