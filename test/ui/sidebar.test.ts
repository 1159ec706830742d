// The sidebar with 5,000 sessions in real Chromium: virtualised (far fewer rows in the page than sessions), the right
// rows when scrolled to the end and when filtered, and opening a session from a scrolled list works; the list arrives
// in pages, a small one first, asked for before the app's own script has arrived.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, type Rig, startRig } from '../helpers/rig.js';
import { seedSessions } from './seed.js';
import { lastPageOfSessions } from './session-list.js';

const COUNT = 5000;
let rig: Rig & BrowserRig;
let page: Page;

const rowTitles = () => page.locator('.session-item .session-item-title').allTextContents();

beforeAll(async () => {
  rig = await startRig({ browser: true });
  page = rig.page;
  seedSessions(rig, COUNT, 'Task');
  const listed = lastPageOfSessions(page);
  await page.goto(rig.server.loginUrl());
  await page.locator('.connection.live').waitFor();
  await page.locator('.session-item').first().waitFor();
  await listed;
}, 180_000);

/** The first page of the session list, as the page's first script and the event stream's snapshot ask for it. */
const isFirstPage = (url: URL) => url.pathname === '/api/sessions' && url.search === '?limit=100';

/** Holds back every request `match` takes until `release()` (which also stops matching); `paths` lists them. */
async function holdBack(match: string | ((url: URL) => boolean)) {
  let letGo = () => {};
  const held = new Promise<void>((resolve) => {
    letGo = resolve;
  });
  const paths: string[] = [];
  await page.route(match, async (route) => {
    paths.push(new URL(route.request().url()).pathname);
    await held;
    await route.continue().catch(() => {});
  });
  return {
    paths,
    async release() {
      letGo();
      await page.unroute(match);
    },
  };
}

/** Drops the service worker and its cache: it answers scripts from there, past any hold. */
const withoutServiceWorker = () =>
  page.evaluate(async () => {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    for (const key of await caches.keys()) await caches.delete(key);
  });

afterAll(async () => {
  await rig?.close();
});

describe('the sidebar with 5,000 sessions', () => {
  it('renders only the rows near the view, newest first', async () => {
    const rows = await page.locator('.session-item').count();
    expect(rows).toBeGreaterThan(3);
    expect(rows).toBeLessThan(60);
    expect((await rowTitles())[0]).toBe(`Task ${COUNT - 1}`);
  });

  it('shows the oldest sessions when scrolled to the end', async () => {
    await page.locator('.session-list').hover();
    await page.mouse.wheel(0, 10_000_000);
    await page
      .locator('.session-item', { hasText: /^Task 0Finished task 0/ })
      .first()
      .waitFor();
    const titles = await rowTitles();
    expect(titles.at(-1)).toBe('Task 0');
    expect(titles.length).toBeLessThan(60);
    await page
      .locator('.session-item')
      .filter({ hasText: /^Task 1Finished/ })
      .click();
    await page.getByRole('heading', { name: 'Task 1' }).waitFor();
  });

  it('filters all 5,000, not only the rows in the page', async () => {
    const filter = page.getByRole('searchbox', { name: 'Filter sessions' });
    await filter.fill('task 2345');
    await page.waitForFunction(() => document.querySelectorAll('.session-item').length === 1);
    expect(await rowTitles()).toEqual(['Task 2345']);
    await filter.fill('task 499');
    // Task 499 and Task 4990 … 4999 (sessions made in the same millisecond may come in either order).
    await page.waitForFunction(() => document.querySelectorAll('.session-item').length === 11);
    expect((await rowTitles()).sort()).toEqual(['Task 499', ...Array.from({ length: 10 }, (_, i) => `Task ${4990 + i}`)]);
    await filter.fill('');
    // The whole list is back: rows the last filter hid are in the page again (about as many rows as fit, whatever that is).
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.session-item .session-item-title')].some((e) => !e.textContent?.includes('499')),
    );
    expect(await page.locator('.session-item').count()).toBeLessThan(60);
    expect(rig.pageErrors).toEqual([]);
  });

  it('loads the list in pages, the first one small, and opens a session far down the list at once', async () => {
    const [, listed] = await rig.call('GET', '/api/sessions');
    const oldest = listed.sessions.at(-1);
    const asked: string[] = [];
    const onRequest = (r: { url(): string }) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/sessions') asked.push(url.search);
    };
    page.on('request', onRequest);
    try {
      await page.goto(`${new URL(page.url()).origin}/#/s/${oldest.id}`);
      // Only the hash changed, so that was no load: load the page again with that hash.
      const listed = lastPageOfSessions(page);
      await page.reload();
      await page.getByRole('heading', { name: oldest.title }).waitFor();
      await page
        .locator('.session-item', { hasText: /^Task 4999Finished/ })
        .first()
        .waitFor();
      await listed;
    } finally {
      page.off('request', onRequest);
    }
    // The first page twice: painted before the event stream is up, then again for the snapshot the stream asks for.
    expect(asked.slice(0, 2)).toEqual(['?limit=100', '?limit=100']);
    // 100, then 500 at a time: the rest came in later pages, each after the one before.
    expect(asked.slice(2).map((q) => new URLSearchParams(q).get('limit'))).toEqual(Array(10).fill('500'));
    expect(asked.slice(2).every((q) => new URLSearchParams(q).get('after'))).toBe(true);
    expect(rig.pageErrors).toEqual([]);
  });

  it('paints the first page before the event stream is up', async () => {
    // The stream answers nothing until the test lets it: the list must not wait for it.
    const stream = await holdBack('**/api/events');
    try {
      await page.reload();
      await page.locator('.session-item', { hasText: `Task ${COUNT - 1}` }).waitFor();
      expect(await page.locator('.connection.live').count()).toBe(0);
    } finally {
      await stream.release();
    }
    await page.locator('.connection.live').waitFor();
  });

  it('keeps a change to a session not loaded yet that comes while the later pages load', async () => {
    const [, listed] = await rig.call('GET', '/api/sessions');
    const far = listed.sessions.find((s: { title: string }) => s.title === 'Task 10');
    // The first later page is read by the server before the change and handed to the page only after it: the session
    // then moves to the top, where no page still to come has it, and only the push held during the load brings it.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let answered = () => {};
    const firstLaterPage = new Promise<void>((resolve) => {
      answered = resolve;
    });
    const isLaterPage = (url: URL) => url.pathname === '/api/sessions' && url.searchParams.has('after');
    // Only the reloaded page's requests: one the page before it still had in flight is cut off by the reload.
    let reloading = false;
    await page.route(isLaterPage, async (route) => {
      if (!reloading) return route.continue().catch(() => {});
      const response = await route.fetch().catch(() => null);
      if (!response) return route.abort().catch(() => {});
      answered();
      await held;
      await route.fulfill({ response }).catch(() => {});
    });
    const listedAll = lastPageOfSessions(page);
    try {
      reloading = true;
      await page.reload();
      await firstLaterPage;
      rig.server.ctx.delivery.conclude(far.threadId, 'Late news from task ten.');
      release();
      await listedAll;
    } finally {
      await page.unroute(isLaterPage);
    }
    await page.locator('.session-item', { hasText: /^Task 10Late news from task ten/ }).waitFor();
    expect((await rowTitles())[0]).toBe('Task 10');
    const filter = page.getByRole('searchbox', { name: 'Filter sessions' });
    await filter.fill('late news');
    await page.waitForFunction(() => document.querySelectorAll('.session-item').length === 1);
    expect(await rowTitles()).toEqual(['Task 10']);
    await filter.fill('');
    expect(rig.pageErrors).toEqual([]);
  });

  it('paints the first page asked for at start even when the event stream is up before it arrives', async () => {
    // The stream's own load is kept from finishing (its slash prompts never come), and the first page asked for as the
    // page started answers only after that load began: the list must still be painted from it.
    let streamLoadBegan = () => {};
    const began = new Promise<void>((resolve) => {
      streamLoadBegan = resolve;
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstPages = 0;
    await page.route(isFirstPage, async (route) => {
      if (++firstPages === 1) await began;
      await route.continue().catch(() => {});
    });
    await page.route('**/api/skills', async (route) => {
      streamLoadBegan();
      await held;
      await route.continue().catch(() => {});
    });
    try {
      await page.reload();
      await page.locator('.session-item', { hasText: `Task ${COUNT - 1}` }).waitFor();
      expect(await page.locator('.connection.live').count()).toBe(1);
    } finally {
      release();
      await page.unroute(isFirstPage);
      await page.unroute('**/api/skills');
    }
    expect(firstPages).toBe(2);
    expect(rig.pageErrors).toEqual([]);
  });

  it('asks for the first page as soon as its own small script arrives, before the stylesheet or any other script', async () => {
    await withoutServiceWorker();
    const others = await holdBack((url) => url.pathname.startsWith('/assets/') && !/^\/assets\/boot-[\w-]+\.js$/.test(url.pathname));
    const firstPageAsked = page.waitForRequest((r) => isFirstPage(new URL(r.url())));
    try {
      await page.reload({ waitUntil: 'commit' });
      await firstPageAsked;
      // Asked while the stylesheet and the app's scripts were all still on their way.
      expect(others.paths.some((path) => path.endsWith('.css'))).toBe(true);
      expect(others.paths.some((path) => /^\/assets\/index-[\w-]+\.js$/.test(path))).toBe(true);
    } finally {
      await others.release();
    }
    await page.locator('.session-item', { hasText: `Task ${COUNT - 1}` }).waitFor();
    expect(rig.pageErrors).toEqual([]);
  });

  it('asks for the first page before the app’s script has arrived, and renders the sidebar with it from the start', async () => {
    await withoutServiceWorker();
    // Whether the sidebar, when it first appears, already holds rows (and not an empty list that fills a render later).
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        const sidebar = document.querySelector('.sidebar');
        if (!sidebar) return;
        observer.disconnect();
        (window as unknown as { sidebarHadRows: boolean }).sidebarHadRows = sidebar.querySelector('.session-item') !== null;
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    const appScript = await holdBack((url) => /^\/assets\/index-[\w-]+\.js$/.test(url.pathname));
    const firstPage = page.waitForResponse((r) => isFirstPage(new URL(r.url())));
    try {
      await page.reload({ waitUntil: 'commit' });
      // Answered while the app's script is still held back: the request left from the page's small first script.
      await (await firstPage).finished();
    } finally {
      await appScript.release();
    }
    await page.locator('.session-item', { hasText: `Task ${COUNT - 1}` }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { sidebarHadRows?: boolean }).sidebarHadRows)).toBe(true);
    expect(rig.pageErrors).toEqual([]);
  });
});
