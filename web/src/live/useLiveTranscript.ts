// A live session's transcript: the newest history page, then the tab's live.turn / live.item / live.delta pushes on top
// (held while a page loads and replayed after it, through useSnapshot). Older pages are fetched on request.
import { useCallback, useState } from 'react';
import type { SessionId } from '../../../src/shared/ids.js';
import { api } from '../api.js';
import { useSnapshot } from '../hooks/useSnapshot.js';
import { applyLivePush, emptyTranscript, type LiveTranscriptView, type LiveTurnPush, prependPage } from './model.js';

export interface LiveTranscript {
  view: LiveTranscriptView;
  /** Why nothing could be loaded, in words (the daemon is gone, the server does not know the thread). */
  error: string | null;
  loadingEarlier: boolean;
  earlierError: string | null;
  /** Fetches the page before the oldest turn shown. */
  showEarlier(): Promise<void>;
}

export function useLiveTranscript(sessionId: SessionId): LiveTranscript {
  // Older pages the person asked for, kept apart from the snapshot so a reload after a reconnect keeps them.
  const [older, setOlder] = useState<LiveTranscriptView | null>(null);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [earlierError, setEarlierError] = useState<string | null>(null);
  const { snapshot, error } = useSnapshot<LiveTranscriptView, LiveTurnPush>(`live:${sessionId}`, {
    initial: emptyTranscript,
    load: async () => {
      const history = await api.liveHistory(sessionId);
      return { turns: history.turns, before: history.before };
    },
    select: (msg) => (msg.type === 'live.turn' || msg.type === 'live.item' || msg.type === 'live.delta' ? msg : null),
    apply: (view, msg) => applyLivePush(view, sessionId, msg),
  });
  const view = older ? { turns: prependPage(snapshot, older).turns, before: older.before } : snapshot;
  const cursor = view.before;

  const showEarlier = useCallback(async () => {
    if (!cursor) return;
    setLoadingEarlier(true);
    try {
      const page = await api.liveHistory(sessionId, cursor);
      setOlder((prev) => prependPage(prev ?? emptyTranscript, page));
      setEarlierError(null);
    } catch (e) {
      setEarlierError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoadingEarlier(false);
    }
  }, [cursor, sessionId]);

  return { view, error, earlierError, loadingEarlier, showEarlier };
}
