// Marks the open session read on the server while the person can actually see it (tab visible).
import { useEffect, useRef } from 'react';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { api } from '../api.js';

export function useMarkRead(session: SessionSummary | undefined): void {
  const inFlight = useRef<string | null>(null);
  const id = session?.id;
  const unread = session?.unread === true;
  useEffect(() => {
    if (!id || !unread) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || inFlight.current === id) return;
      inFlight.current = id;
      api.markRead(id).then(
        () => (inFlight.current = null),
        (error: unknown) => {
          inFlight.current = null;
          console.warn('Could not mark the session read', error);
        },
      );
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [id, unread]);
}
