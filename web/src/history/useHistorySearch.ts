// Search over the History index: the first page when the text, field or filters change (a little after the last key),
// more pages as the person scrolls. Hits keep the server's order (relevance with a recency boost).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryField, HistoryHit, HistorySession } from '../../../src/shared/history.js';
import { type HistoryFilters, historyApi } from './api.js';

const TYPING_PAUSE_MS = 150;

export interface SearchState {
  hits: HistoryHit[];
  sessions: Map<string, HistorySession>;
  nextCursor: string | null;
  complete: boolean;
  tookMs: number | null;
  loading: boolean;
  error: string | null;
}

const EMPTY: SearchState = { hits: [], sessions: new Map(), nextCursor: null, complete: true, tookMs: null, loading: false, error: null };

export function useHistorySearch(q: string, field: HistoryField | null, filters: HistoryFilters) {
  const [state, setState] = useState<SearchState>(EMPTY);
  const generation = useRef(0);
  const key = JSON.stringify([q.trim(), field, filters]);

  const fetchPage = useCallback(
    (cursor: string | null, gen: number) => {
      setState((s) => ({ ...s, loading: true }));
      historyApi.search(q.trim(), field, filters, cursor).then(
        (answer) => {
          if (gen !== generation.current) return;
          setState((s) => {
            const base = cursor ? s : EMPTY;
            const sessions = new Map(base.sessions);
            for (const session of answer.sessions) sessions.set(session.threadId, session);
            return {
              hits: [...base.hits, ...answer.hits],
              sessions,
              nextCursor: answer.nextCursor,
              complete: answer.complete,
              tookMs: answer.tookMs,
              loading: false,
              error: null,
            };
          });
        },
        (e: unknown) => {
          if (gen === generation.current) setState((s) => ({ ...s, loading: false, error: e instanceof Error ? e.message : String(e) }));
        },
      );
    },
    [q, field, filters],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for q, field and filters
  useEffect(() => {
    const gen = ++generation.current;
    if (!q.trim()) {
      setState(EMPTY);
      return;
    }
    const t = setTimeout(() => fetchPage(null, gen), TYPING_PAUSE_MS);
    return () => clearTimeout(t);
  }, [key]);

  const loadMore = useCallback(() => {
    if (state.loading || !state.nextCursor) return;
    fetchPage(state.nextCursor, generation.current);
  }, [state.loading, state.nextCursor, fetchPage]);

  return { ...state, loadMore };
}
