// History's HTTP calls, decoded with the shared wire schemas (src/shared/history.ts, src/shared/transcript.ts).
import { api as endpoints, pathOf } from '../../../src/shared/api.js';
import type { HistoryField, HistoryOriginator } from '../../../src/shared/history.js';
import { call } from '../api.js';

export interface HistoryFilters {
  project: string | null;
  /** yyyy-mm-dd, inclusive on both ends as a person reads a date range. */
  from: string;
  to: string;
  originator: HistoryOriginator | null;
  archived: 'include' | 'exclude' | 'only';
}

export const NO_FILTERS: HistoryFilters = { project: null, from: '', to: '', originator: null, archived: 'include' };

/** The filters as query parameters; `to` is a day, so the range runs to the end of it. */
export function filterQuery(f: HistoryFilters, project: string | null = f.project): Record<string, string> {
  const q: Record<string, string> = {};
  if (project !== null) q.project = project;
  if (f.from) q.from = f.from;
  if (f.to) {
    const end = new Date(`${f.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    if (!Number.isNaN(end.getTime())) q.to = end.toISOString();
  }
  if (f.originator) q.originator = f.originator;
  if (f.archived !== 'include') q.archived = f.archived;
  return q;
}

export const historyApi = {
  status: async () => (await call(endpoints.historyStatus)).status,
  projects: async () => (await call(endpoints.historyProjects)).projects,
  sessions: async (query: Record<string, string>) => call(endpoints.historySessions, undefined, undefined, query),
  session: async (threadId: string) => (await call(endpoints.historySession, { threadId })).session,
  search: async (q: string, field: HistoryField | null, filters: HistoryFilters, cursor: string | null) =>
    call(endpoints.historySearch, undefined, undefined, {
      ...filterQuery(filters),
      q,
      ...(field ? { field } : {}),
      ...(cursor ? { cursor } : {}),
    }),
  transcript: async (threadId: string, cursor: { before?: number; after?: number; at?: number }) => {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(cursor)) if (v !== undefined) query[k] = String(v);
    return (await call(endpoints.historyTranscript, { threadId }, undefined, query)).page;
  },
  continueThread: async (threadId: string, prompt: string) => (await call(endpoints.continueThread, { threadId }, { prompt })).session,
};

export const exportUrl = (threadId: string, scope: 'session' | 'turn') => `${pathOf(endpoints.historyExport, { threadId })}?scope=${scope}`;
