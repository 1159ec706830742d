// History in real Chromium at 1440×900 and 390×844, against the real server and its index of a seeded CODEX_HOME
// (5,000 sessions in 4 projects and one long session): the list is grouped and virtualised and scrolls on; a search
// shows the snippet highlighted as text and opens the transcript at the hit, with earlier pages loaded on scroll;
// Continue here sends a prompt from the browser that resumes a real Codex thread, and opens its session.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryStatus } from '../../src/shared/history.js';
import { type BrowserRig, type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { type SeededHistory, seedHistory } from './history-seed.js';

const COUNT = 5000;
const NEEDLE = 'The zebra crossing is painted <img src=x onerror=alert(1)> now.';
let rig: Rig & BrowserRig & ModelRig;
let page: Page;
let seeded: SeededHistory;
let realThread: string;

beforeAll(async () => {
  rig = await startRig({
    browser: true,
    fakeModel: (req) => ({ steps: [{ type: 'message', text: `answer to: ${(req.lastUserText() ?? '').split('\n').at(-1)}` }] }),
  });
  page = rig.page;
  seeded = seedHistory(rig.codexHome, rig.workDir, { count: COUNT, projects: 4, longTurns: 120, needleTurn: 90, needle: NEEDLE });
  // A real thread Codex wrote, from a session Codex Pro Max then forgot: only History knows it.
  const [, started] = await rig.call('POST', '/api/drive/sessions', {
    prompt: 'real first prompt',
    cwd: rig.workDir,
    sandbox: 'read-only',
  });
  await rig.idle();
  const [, drive] = await rig.call('GET', `/api/sessions/${started.session.id}/drive`);
  realThread = drive.drive.turns[0].threadId;
  await rig.call('DELETE', `/api/sessions/${started.session.id}`);
  await page.goto(rig.server.loginUrl());
  await page.locator('.connection.live').waitFor();
  // The index reads the files in the background and reports how far it is in history.progress pushes.
  await rig.until(
    'the History index to hold every session',
    () => {
      const last = lastProgress();
      return last !== null && last.state === 'ready' && last.sessions >= COUNT + 2;
    },
    200_000,
  );
}, 240_000);
afterAll(() => rig?.close());

/** The index's status as its newest history.progress push gave it. */
function lastProgress(): HistoryStatus | null {
  for (let i = rig.pushes.length - 1; i >= 0; i--) {
    const push = rig.pushes[i];
    if (push?.type === 'history.progress') return push.status;
  }
  return null;
}

const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe.each(SIZES)('History at $width×$height', ({ name, width, height }) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height });
  });

  it('opens from the sidebar, groups by project newest first, virtualised, and scrolls on', async () => {
    await page.goto(`${rig.server.uiUrl}/#/`);
    if (name === 'phone') await page.getByRole('button', { name: 'Sessions', exact: true }).click();
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.waitForURL(/#\/history$/);
    const labels = page.locator('.history-group .history-group-label');
    await labels.nth(2).waitFor();
    // Projects by their newest session: the real thread's folder, then the long session's, then the busiest.
    expect((await labels.allTextContents()).slice(1, 3)).toEqual(['project-long', 'project-3']);
    expect(await page.locator('.history-group').nth(2).locator('.history-group-count').textContent()).toBe('1,250');
    await page.locator('.history-row', { hasText: 'Step 0: check the build' }).waitFor();
    const rowsInPage = await page.locator('.history-row').count();
    expect(rowsInPage).toBeGreaterThan(3);
    expect(rowsInPage).toBeLessThan(80);
    // Scrolling down loads the next pages of the group: a session far down the list appears.
    await page.locator('.history-scroll').hover();
    // Session 1003 is the 1,000th of project-3: ten pages down.
    const far = page.locator('.history-row', { hasText: 'Fix issue number 1003 ' });
    for (let i = 0; i < 80 && (await far.count()) === 0; i++) await page.mouse.wheel(0, 4000);
    await far.waitFor();
    expect(await page.locator('.history-row').count()).toBeLessThan(80);
    if (name === 'phone') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });

  it('searches an exact phrase in messages, highlights it as text, and opens the transcript at the hit', async () => {
    await page.goto(`${rig.server.uiUrl}/#/history`);
    await page.getByRole('searchbox', { name: 'Search every session' }).fill('"zebra crossing"');
    await page.getByRole('button', { name: 'Messages' }).click();
    const hit = page.locator('.history-hit').first();
    await hit.waitFor();
    expect(await hit.locator('mark').first().textContent()).toMatch(/zebra/i);
    expect(await hit.locator('.history-row-meta').textContent()).toContain('Turn 91');
    // The snippet's markup-looking text stays text.
    expect(await page.locator('.history-hit img').count()).toBe(0);
    await hit.click();
    await page.waitForURL(new RegExp(`#/history/t/${seeded.longThread}@\\d+$`));
    const anchored = page.locator('.t-item.anchored');
    await anchored.waitFor();
    expect(await anchored.textContent()).toContain('Step 90 done. The zebra crossing is painted');
    expect(await anchored.locator('img').count()).toBe(0);
    const box = await anchored.boundingBox();
    expect(box && box.y >= 0 && box.y < height).toBe(true);
    // Earlier turns arrive as the person scrolls up.
    expect(await page.locator('.t-prompt', { hasText: 'Step 10: check' }).count()).toBe(0);
    await page.locator('.transcript-scroll').hover();
    for (let i = 0; i < 40 && (await page.locator('.t-prompt', { hasText: 'Step 10: check' }).count()) === 0; i++)
      await page.mouse.wheel(0, -3000);
    await page.locator('.t-prompt', { hasText: 'Step 10: check' }).waitFor();
    expect(await page.locator('.t-command .t-cmd', { hasText: /npm run step-10$/ }).count()).toBe(1);

    // Restricted to commands: the hit opens on the command itself.
    await page.getByRole('button', { name: '← History' }).click();
    await page.getByRole('searchbox', { name: 'Search every session' }).fill('step-77');
    await page.getByRole('button', { name: 'Commands' }).click();
    const commandHit = page.locator('.history-hit', { has: page.locator('.history-chip', { hasText: 'Command' }) }).first();
    await commandHit.waitFor();
    await commandHit.click();
    await page.locator('.t-command.anchored .t-cmd', { hasText: /npm run step-77$/ }).waitFor();
  });

  it('continues a real thread from the browser and opens its session; Open in terminal shows codex resume', async () => {
    await page.goto(`${rig.server.uiUrl}/#/history/t/${realThread}`);
    await page.locator('.t-prompt', { hasText: 'real first prompt' }).first().waitFor();
    await page.getByRole('button', { name: 'Open in terminal' }).click();
    expect(await page.locator('.history-terminal code').textContent()).toBe(`codex resume ${realThread}`);
    await page.getByRole('button', { name: 'Continue here' }).click();
    await page.getByRole('textbox', { name: 'Prompt that continues this session' }).fill(`continue from the ${name}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/#\/s\/[0-9a-f-]{36}$/);
    await page.locator('main').getByText(`answer to: continue from the ${name}`).first().waitFor({ timeout: 60_000 });
    await rig.idle();
  }, 90_000);
});
