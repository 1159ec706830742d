// A thread's transcript, page by page from its rollout: the newest page (or the page around a search hit), earlier
// pages as the person scrolls up, later ones as they scroll down. Pages are ranges of whole lines, so they join
// without gaps or repeats. When the index says the thread changed and the newest page is shown, the new lines follow.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TranscriptItem } from '../../../src/shared/transcript.js';
import { usePushes } from '../lib/pushBus.js';
import { historyApi } from './api.js';

export interface TranscriptState {
  items: TranscriptItem[];
  start: number;
  end: number;
  hasEarlier: boolean;
  hasLater: boolean;
  anchor: number | null;
  loaded: boolean;
  error: string | null;
}

const EMPTY: TranscriptState = {
  items: [],
  start: 0,
  end: 0,
  hasEarlier: false,
  hasLater: false,
  anchor: null,
  loaded: false,
  error: null,
};

export function useTranscript(threadId: string, at: number | null) {
  const [state, setState] = useState<TranscriptState>(EMPTY);
  const ref = useRef(state);
  ref.current = state;
  const busy = useRef({ earlier: false, later: false });
  const generation = useRef(0);

  const [failed] = useState(() => (gen: number) => (e: unknown) => {
    if (gen === generation.current) setState((s) => ({ ...s, loaded: true, error: e instanceof Error ? e.message : String(e) }));
  });

  const load = useCallback(() => {
    const gen = ++generation.current;
    busy.current = { earlier: false, later: false };
    historyApi.transcript(threadId, at === null ? {} : { at }).then((page) => {
      if (gen !== generation.current) return;
      setState({ ...page, loaded: true, error: null });
    }, failed(gen));
  }, [threadId, at, failed]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another thread or hit starts from nothing
  useEffect(() => {
    setState(EMPTY);
  }, [threadId, at]);

  const loadEarlier = useCallback(() => {
    const s = ref.current;
    if (!s.loaded || !s.hasEarlier || busy.current.earlier) return;
    busy.current.earlier = true;
    const gen = generation.current;
    historyApi.transcript(threadId, { before: s.start }).then((page) => {
      busy.current.earlier = false;
      if (gen !== generation.current) return;
      setState((cur) =>
        cur.start !== page.end ? cur : { ...cur, items: [...page.items, ...cur.items], start: page.start, hasEarlier: page.hasEarlier },
      );
    }, failed(gen));
  }, [threadId, failed]);

  const loadLater = useCallback(() => {
    const s = ref.current;
    if (!s.loaded || busy.current.later) return;
    busy.current.later = true;
    const gen = generation.current;
    historyApi.transcript(threadId, { after: s.end }).then((page) => {
      busy.current.later = false;
      if (gen !== generation.current) return;
      setState((cur) =>
        cur.end !== page.start ? cur : { ...cur, items: [...cur.items, ...page.items], end: page.end, hasLater: page.hasLater },
      );
    }, failed(gen));
  }, [threadId, failed]);

  usePushes(
    `transcript:${threadId}:${at}`,
    (msg) => {
      // New lines in this thread's rollout: follow them when the newest page is the one shown.
      if (msg.type === 'history.changed' && msg.upserted.some((s) => s.threadId === threadId) && !ref.current.hasLater) loadLater();
    },
    load,
  );

  return { ...state, loadEarlier, loadLater };
}
