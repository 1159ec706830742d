// What Codex did for each conclusion, read from its rollout by the server (GET /work), keyed by timeline entry id and
// by prompt id. Reloaded when a new entry or status arrives; Codex may write its log a moment after the conclusion
// reaches us, so a missing newest entry is asked for again a few times, then left.
import { createContext, useContext, useEffect, useState } from 'react';
import { api } from '../../../src/shared/api.js';
import type { EntryWork } from '../../../src/shared/rollout.js';
import { call } from '../api.js';

export interface WorkIndex {
  byEntry: ReadonlyMap<string, EntryWork>;
  byPrompt: ReadonlyMap<string, EntryWork>;
}

const EMPTY: WorkIndex = { byEntry: new Map(), byPrompt: new Map() };
export const WorkContext = createContext<WorkIndex>(EMPTY);

/** The work under one timeline entry, if any (for TimelineEntry, which the context reaches without props). */
export function useWorkFor(entryId: string): EntryWork | undefined {
  return useContext(WorkContext).byEntry.get(entryId);
}

const RETRY_MS = [300, 800, 2000, 5000];

function index(work: EntryWork[]): WorkIndex {
  return {
    byEntry: new Map(work.map((w) => [w.entryId, w])),
    byPrompt: new Map(work.flatMap((w) => (w.promptId ? [[w.promptId, w] as const] : []))),
  };
}

/** Loads the session's work whenever `refreshKey` changes; `expectEntry` is the newest entry that should have some. */
export function useEntryWork(sessionId: string, refreshKey: string, expectEntry: string | null): WorkIndex {
  const [work, setWork] = useState<WorkIndex>(EMPTY);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the reason to reload
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (attempt: number) => {
      call(api.work, { sessionId }).then(
        (answer) => {
          if (cancelled) return;
          const next = index(answer.work);
          setWork(next);
          const delay = RETRY_MS[attempt];
          if (expectEntry && !next.byEntry.has(expectEntry) && delay !== undefined) timer = setTimeout(() => load(attempt + 1), delay);
        },
        () => undefined, // nothing to fold under the entries; the conversation itself is unaffected
      );
    };
    load(0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [sessionId, refreshKey]);
  return work;
}
