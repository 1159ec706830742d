// The page's first script (index.html names it first, as a small file of its own): asks for the first page of the
// session list the moment it arrives, and reads its JSON as soon as that comes, while the app's script still downloads
// and compiles. The app takes the answer from this module. It imports nothing, on purpose: an import is a file this
// script would wait for, and so would be any code it shared with the app. Decoding (validation) is left to the app.

/** Sessions in the first page of the list: more than any sidebar shows at once, few enough to arrive in a few ms. */
export const FIRST_SESSIONS = 100;

/** The request for the first page (GET /api/sessions, see src/shared/api.ts), with the query the API client sends. */
const FIRST_PAGE_PATH = `/api/sessions?limit=${FIRST_SESSIONS}`;

/** The early answer: its status and, when it is a success, its body as parsed JSON. */
export interface EarlyAnswer {
  ok: boolean;
  status: number;
  body: unknown;
}

let early: Promise<EarlyAnswer> | null = null;
if (typeof fetch === 'function') {
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
