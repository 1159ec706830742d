// The timeline in real Chromium: opening a session shows its newest entry, whatever its length (1 to 5,000 entries,
// long code blocks included); the view follows new output until the person scrolls up, then offers a jump back;
// earlier pages load in front without moving what is on screen; only entries near the view are in the page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, type Rig, startRig } from '../helpers/rig.js';
import { entryText, type SeededTimeline, seedTimeline } from './seed.js';

let rig: Rig & BrowserRig;
let page: Page;
const sizes = [1, 30, 300, 5000] as const;
const seeded = new Map<number, SeededTimeline>();
const title = (n: number) => `Timeline of ${n}`;

/** Whether the entry's bottom edge is inside the timeline's viewport and the view is at the end. */
function newestOnScreen(entryId: string) {
  const scroller = document.querySelector('.timeline');
  const el = document.querySelector(`[data-entry-id="${entryId}"]`);
  if (!scroller || !el) return false;
  const view = scroller.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  const atEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 2;
  return atEnd && box.bottom <= view.bottom + 1 && box.bottom > view.top;
}

/** Two animation frames: whatever layout the last change started has been painted. */
const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function open(n: number) {
  await page.locator(`.session-item[data-session-id="${seeded.get(n)?.sessionId}"]`).click();
  await page.getByRole('heading', { name: title(n) }).waitFor();
}

async function expectNewestOnScreen(entryId: string) {
  await page.waitForFunction(newestOnScreen, entryId);
  // Still there once the visible entries have their final (rich) height.
  await page.locator(`[data-entry-id="${entryId}"] .markdown[data-rich]`).waitFor();
  await frames();
  expect(await page.evaluate(newestOnScreen, entryId)).toBe(true);
}

beforeAll(async () => {
  rig = await startRig({ browser: true });
  page = rig.page;
  for (const n of sizes) seeded.set(n, seedTimeline(rig, title(n), n));
  await page.goto(rig.server.loginUrl());
  await page.locator('.connection.live').waitFor();
}, 180_000);

afterAll(async () => {
  await rig?.close();
});

describe('the timeline', () => {
  it('shows the newest entry on opening any session, every time', async () => {
    for (const round of [0, 1]) {
      for (const n of round === 0 ? sizes : [...sizes].reverse()) {
        await open(n);
        await expectNewestOnScreen(seeded.get(n)?.entryIds.at(-1) as string);
      }
    }
    expect(rig.pageErrors).toEqual([]);
  }, 120_000);

  it('keeps only the entries near the view in the page', async () => {
    await open(5000);
    expect(await page.locator('article.entry').count()).toBeLessThan(20);
  });

  it('stays at the end while conclusions arrive', async () => {
    const { threadId } = seeded.get(300) as SeededTimeline;
    await open(300);
    for (let i = 0; i < 12; i++) {
      const [status, body] = await rig.call('POST', `/api/codex/sessions/by-thread/${threadId}/conclusion`, {
        content: entryText(3 * i, `streamed ${i}`),
      });
      expect(status).toBe(201);
      await page.waitForFunction(newestOnScreen, body.conclusion.id as string);
    }
    const last = rig.pushes.findLast((p) => p.type === 'timeline.appended');
    await expectNewestOnScreen(last?.type === 'timeline.appended' ? last.entry.id : 'none');
    expect(await page.getByRole('button', { name: 'Jump to the latest message' }).count()).toBe(0);
  }, 60_000);

  it('stops following once the person scrolls up, and the jump button brings the newest entry back', async () => {
    const { threadId } = seeded.get(300) as SeededTimeline;
    await open(300);
    const timeline = page.getByRole('log', { name: 'Conversation' });
    await timeline.hover();
    await page.mouse.wheel(0, -3000);
    const jump = page.getByRole('button', { name: 'Jump to the latest message' });
    await jump.waitFor();
    const scrolledTo = await timeline.evaluate((el) => el.scrollTop);
    const [status, body] = await rig.call('POST', `/api/codex/sessions/by-thread/${threadId}/conclusion`, {
      content: entryText(7, 'while scrolled up'),
    });
    expect(status).toBe(201);
    // Once the page has it (the sidebar shows it as the latest conclusion), the view has not moved to it.
    await page.locator('.session-item', { hasText: 'while scrolled up' }).waitFor();
    await frames();
    expect(Math.abs((await timeline.evaluate((el) => el.scrollTop)) - scrolledTo)).toBeLessThan(2);
    expect(await page.evaluate(newestOnScreen, body.conclusion.id as string)).toBe(false);
    await jump.click();
    await expectNewestOnScreen(body.conclusion.id as string);
    await jump.waitFor({ state: 'detached' });
  }, 60_000);

  it('loads earlier entries in front without moving what is on screen', async () => {
    const { entryIds } = seeded.get(5000) as SeededTimeline;
    await open(5000);
    const timeline = page.getByRole('log', { name: 'Conversation' });
    await timeline.hover();
    await page.mouse.wheel(0, -1_000_000);
    await page.waitForFunction(() => document.querySelector('.timeline')?.scrollTop === 0);
    // The oldest entry held (the first page is the newest entries), and where it is on screen.
    const firstHeld = (await page.locator('article.entry').first().getAttribute('data-entry-id')) as string;
    const index = entryIds.indexOf(firstHeld);
    expect(index).toBeGreaterThan(4000);
    const before = await page.locator(`[data-entry-id="${firstHeld}"]`).boundingBox();
    await page.getByRole('button', { name: 'Show earlier messages' }).click();
    await page.locator(`[data-entry-id="${entryIds[index - 1]}"]`).waitFor({ state: 'attached' });
    await frames();
    const after = await page.locator(`[data-entry-id="${firstHeld}"]`).boundingBox();
    // Within about a line: the entries added above are measured as they render, and the view is corrected for them.
    expect(Math.abs((after?.y ?? 0) - (before?.y ?? 0))).toBeLessThan(24);
    await page.mouse.wheel(0, -400);
    await page.locator(`[data-entry-id="${entryIds[index - 1]}"]`).waitFor();
    expect(rig.pageErrors).toEqual([]);
  }, 60_000);
});
