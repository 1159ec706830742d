// Waiting for the session list in a page: it comes in pages, the first one small, and the rest behind it.
import type { Page, Response } from 'playwright-core';

/**
 * Resolves once `page` has the last page of the session list. A page the browser navigated away from has no body to
 * read any more: it is not the one waited for. Call it before the navigation that loads the list.
 */
export const lastPageOfSessions = (page: Page): Promise<Response> =>
  page.waitForResponse(
    async (r) => new URL(r.url()).pathname === '/api/sessions' && r.ok() && (await r.json().catch(() => null))?.next === null,
    { timeout: 60_000 },
  );
