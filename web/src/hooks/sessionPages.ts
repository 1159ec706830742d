// Loading the session list in pages: the first (small) page, from the request sent as the app started when there is
// one, and the rest behind it. Decoded through the shared contract like every other answer.
import { decodeAnswer, api as endpoints } from '../../../src/shared/api.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { api } from '../api.js';
import { FIRST_SESSIONS, takeFirstPage } from '../lib/firstPage.js';

/**
 * Sessions per later page: each is decoded (validated) on the main thread in one go while the person may already type
 * in the filter, so a page stays a few milliseconds of work; the server answers a page by key, as cheap as its rows.
 */
const MORE_SESSIONS = 500;

export interface SessionPage {
  sessions: SessionSummary[];
  next: string | null;
}

/** The first page of the list: the answer to the request boot.ts sent, if still unused and fine, else a new request. */
export async function firstSessionPage(): Promise<SessionPage> {
  const early = takeFirstPage();
  if (early) {
    try {
      const res = await early;
      if (res.ok) return decodeAnswer(endpoints.listSessions, res.status, await res.json());
    } catch {
      // A fresh request says what went wrong, through the usual error handling.
    }
  }
  return api.sessionPage(FIRST_SESSIONS, null);
}

/** Appends to `sessions` every page after the cursor `after`, each asked for once the one before it arrived. */
export async function remainingSessions(sessions: SessionSummary[], after: string | null): Promise<SessionSummary[]> {
  for (let next = after; next; ) {
    const more = await api.sessionPage(MORE_SESSIONS, next);
    sessions.push(...more.sessions);
    next = more.next;
  }
  return sessions;
}
