// Asks for the first page of the session list the moment the page's first script runs (boot.ts, before the app's own
// script has downloaded and compiled), and reads its JSON as soon as it arrives, so both happen while the page is still
// waiting for the app. Imports nothing, on purpose: boot.ts is a file of its own and should stay a few hundred bytes.
// Decoding (validation) is left to the caller.

/** Sessions in the first page of the list: more than any sidebar shows at once, few enough to arrive in a few ms. */
export const FIRST_SESSIONS = 100;

/** The request for the first page (GET /api/sessions, see src/shared/api.ts), with the query the API client sends. */
export const FIRST_PAGE_PATH = `/api/sessions?limit=${FIRST_SESSIONS}`;

/** The early answer: its status and, when it is a success, its body as parsed JSON. */
export interface EarlyAnswer {
  ok: boolean;
  status: number;
  body: unknown;
}

let early: Promise<EarlyAnswer> | null = null;

/** Sends the request (once; boot.ts calls this). */
export function startFirstPage(): void {
  if (early || typeof fetch !== 'function') return;
  early = fetch(FIRST_PAGE_PATH, { credentials: 'same-origin' }).then(async (res) => ({
    ok: res.ok,
    status: res.status,
    body: res.ok ? await res.json() : null,
  }));
  // Nobody may take it (the page is signed out, or closed at once): a failure then is nobody's business.
  early.catch(() => {});
}

/** The early answer, once: null when none was sent or it was taken already. */
export function takeFirstPage(): Promise<EarlyAnswer> | null {
  const taken = early;
  early = null;
  return taken;
}
