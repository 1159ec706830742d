// A useState that survives reloads in localStorage (drafts, settings). Storage failures fall back to memory.
import { useCallback, useEffect, useState } from 'react';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

/** State under `key`; switching keys (another session) loads that key's value. */
export function useStoredState<T>(key: string, fallback: T): [T, (value: T | ((prev: T) => T)) => void] {
  const [entry, setEntry] = useState(() => ({ key, value: read(key, fallback) }));
  const current = entry.key === key ? entry.value : read(key, fallback);
  useEffect(() => {
    if (entry.key !== key) setEntry({ key, value: read(key, fallback) });
  }, [key, entry.key, fallback]);
  const set = useCallback(
    (value: T | ((prev: T) => T)) => {
      setEntry((prev) => {
        const base = prev.key === key ? prev.value : read(key, fallback);
        const next = typeof value === 'function' ? (value as (p: T) => T)(base) : value;
        try {
          if (next === fallback || (typeof next === 'string' && next === '')) localStorage.removeItem(key);
          else localStorage.setItem(key, JSON.stringify(next));
        } catch {
          // Private mode or full storage: keep the value in memory only.
        }
        return { key, value: next };
      });
    },
    [key, fallback],
  );
  return [current, set];
}

/** The unsent prompt for one session, kept across reloads. */
export function useDraft(sessionId: string): [string, (value: string | ((prev: string) => string)) => void] {
  return useStoredState(`cpm.draft.${sessionId}`, '');
}
