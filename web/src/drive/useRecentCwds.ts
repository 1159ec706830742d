// The working folders recently used for driven sessions, loaded once when a form opens, for its folder suggestions.
// A failed load leaves the list empty: the suggestions are a convenience, typing a folder still works.
import { useEffect, useRef, useState } from 'react';
import { driveApi } from './api.js';

/** The recent folders (empty until loaded); `onLoaded` gets them once, so a form can fill its empty folder fields. */
export function useRecentCwds(onLoaded: (cwds: string[]) => void): string[] {
  const [recent, setRecent] = useState<string[]>([]);
  const loaded = useRef(onLoaded);
  loaded.current = onLoaded;
  useEffect(() => {
    driveApi.recentCwds().then(
      (cwds) => {
        setRecent(cwds);
        loaded.current(cwds);
      },
      () => {},
    );
  }, []);
  return recent;
}
