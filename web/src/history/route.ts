// History's place in the URL hash: #/history (the list and search), #/history/t/<threadId> (a transcript) and
// #/history/t/<threadId>@<offset> (a transcript opened at a search hit). Pure parsing plus a small hook.
import { useCallback, useEffect, useState } from 'react';

export type HistoryRoute = { view: 'list' } | { view: 'transcript'; threadId: string; at: number | null };

/** The History route a hash names, or null when it names something else (a session, nothing). */
export function historyFromHash(hash: string): HistoryRoute | null {
  if (hash === '#/history' || hash === '#/history/') return { view: 'list' };
  const m = /^#\/history\/t\/([0-9a-f-]{36})(?:@(\d+))?$/i.exec(hash);
  if (!m?.[1]) return null;
  return { view: 'transcript', threadId: m[1].toLowerCase(), at: m[2] === undefined ? null : Number(m[2]) };
}

export function historyHash(route: HistoryRoute): string {
  return route.view === 'list' ? '#/history' : `#/history/t/${route.threadId}${route.at === null ? '' : `@${route.at}`}`;
}

export function useHistoryRoute(): { route: HistoryRoute | null; go: (route: HistoryRoute) => void } {
  const [route, setRoute] = useState(() => historyFromHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(historyFromHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = useCallback((next: HistoryRoute) => {
    location.hash = historyHash(next);
    setRoute(next);
  }, []);
  return { route, go };
}
