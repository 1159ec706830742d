// Asks for the first page of the session list the moment the app's script starts, before the rest of it runs and before
// React renders anything, so the server answers while the page is still booting. Imports nothing, on purpose: main.tsx
// imports this first, and any import would run before the request leaves. Decoding is left to the caller.

/** Sessions in the first page of the list: more than any sidebar shows at once, few enough to arrive in a few ms. */
export const FIRST_SESSIONS = 100;

/** The request for the first page (GET /api/sessions, see src/shared/api.ts), with the query the API client sends. */
export const FIRST_PAGE_PATH = `/api/sessions?limit=${FIRST_SESSIONS}`;

let early: Promise<Response> | null = null;

/** Sends the request (once; main.tsx calls this as its first import runs). */
export function startFirstPage(): void {
  if (early || typeof fetch !== 'function') return;
  early = fetch(FIRST_PAGE_PATH, { credentials: 'same-origin' });
  // Nobody may take it (the page is signed out, or closed at once): a failure then is nobody's business.
  early.catch(() => {});
}

/** The answer to the early request, once: null when none was sent or it was taken already. */
export function takeFirstPage(): Promise<Response> | null {
  const taken = early;
  early = null;
  return taken;
}
