// Loading the session list in pages: the first (small) page, from the request sent as the app started when there is
// one, and the rest behind it. Decoded through the shared contract like every other answer.
import { decodeAnswer, api as endpoints } from '../../../src/shared/api.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { api } from '../api.js';
import { type EarlyAnswer, FIRST_SESSIONS, takeFirstPage } from '../boot.js';

/**
 * Sessions per later page: each is decoded (validated) on the main thread in one go while the person may already type
 * in the filter, so a page stays a few milliseconds of work; the server answers a page by key, as cheap as its rows.
 */
const MORE_SESSIONS = 500;

export interface SessionPage {
  sessions: SessionSummary[];
  next: string | null;
}

/**
 * The answer to the request boot.ts sent, decoded as soon as this module is evaluated (boot.ts has usually read it by
 * then), so the app's first render can already hold the first page.
 */
let early: Promise<SessionPage> | null = decodeEarly(takeFirstPage());
/** The early page once decoded, until the app's first render takes it to start from. */
let arrived: SessionPage | null = null;

function decodeEarly(answer: Promise<EarlyAnswer> | null): Promise<SessionPage> | null {
  if (!answer) return null;
  const decoded = answer.then((a) => {
    if (!a.ok) throw new Error(`The first page of sessions was answered ${a.status}.`);
    return decodeAnswer(endpoints.listSessions, a.status, a.body);
  });
  decoded.then(
    (page) => {
      arrived = page;
    },
    () => {}, // firstSessionPage asks again, and that request says what went wrong
  );
  return decoded;
}

/** The early first page if it is already here and decoded, once; else null (then firstSessionPage brings it). */
export function arrivedFirstPage(): SessionPage | null {
  const page = arrived;
  arrived = null;
  return page;
}

/** The first page of the list: the early answer, if still unused and fine, else a new request. */
export async function firstSessionPage(): Promise<SessionPage> {
  const answer = early;
  early = null;
  if (answer) {
    try {
      return await answer;
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
