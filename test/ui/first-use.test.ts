// What a first-time user meets, in real Chromium against a real server (and the real codex on a fake model for drive
// mode): one "No sessions yet", New session on the phone's first screen, the integration fix once, a theme setting
// applied before the first paint, the shortcuts list, notification permission followed without a reload, the used-link
// page, the task given in the terminal, "1 file", a folded huge prompt, one toast per failure, Stopped / Interrupted
// markers, drive mode's Stop wording, and Ctrl+Enter in the New session dialog. Waits are on conditions, never sleeps.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { type BrowserRig, type ModelRig, type Rig, startRig } from '../helpers/rig.js';

// The recorded 0.171 MCP-loop rollout: its thread, and the task typed in the terminal.
const THREAD = '01a2318e-e1b5-75d1-a56c-408f84ad2775';
const FIXTURE = join(import.meta.dirname, '../fixtures/rollouts/v0171-mcp-loop.jsonl');
const TASK = 'Start a Codex Pro Max session and write notes.md.';

let rig: Rig & ModelRig & BrowserRig;
let page: Page;
let sessionId: string;

// The fake model holds a turn whose prompt starts with HOLD until the test releases it; anything else concludes.
const held: (() => void)[] = [];
async function respond(req: ModelRequest): Promise<ModelReply> {
  const text = req.lastUserText() ?? '';
  if (/^HOLD/.test(text)) await new Promise<void>((resolve) => held.push(resolve));
  return { steps: [{ type: 'message', text: `Done: ${text.slice(0, 40)}` }], usage: { input: 100, output: 10 } };
}

const codex = (path: string, body: unknown = {}) => rig.call('POST', `/api/codex/sessions/by-thread/${THREAD}${path}`, body);
const composer = () => page.getByRole('combobox', { name: 'Prompt' });
const log = () => page.getByRole('log', { name: 'Conversation' });
const toolbar = () => page.getByRole('toolbar', { name: 'Session actions' });
const bodyBackground = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK_BG = 'rgb(21, 23, 27)';
const LIGHT_BG = 'rgb(247, 247, 248)';

async function openSettings() {
  const button = page.getByRole('button', { name: 'Settings' });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

beforeAll(async () => {
  rig = await startRig({ fakeModel: respond, browser: true, pageTimeoutMs: 15_000 });
  page = rig.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(rig.server.loginUrl());
  await page.getByText('Connected').waitFor();
}, 120_000);

afterAll(async () => {
  for (const release of held.splice(0)) release();
  await rig?.idle();
  await rig?.close();
});

describe('a first-time user', () => {
  it('reads "No sessions yet" once on a desktop, and gets New session on the phone’s first screen', async () => {
    await page.getByRole('main').getByText('No sessions yet', { exact: false }).waitFor();
    const visible = await page
      .getByText('No sessions yet', { exact: false })
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
    expect(visible).toBe(1);
    // No second New session beside the sidebar's on a desktop.
    expect(await page.getByRole('main').getByRole('button', { name: 'New session' }).isVisible()).toBe(false);

    await page.setViewportSize({ width: 390, height: 844 });
    const mainNew = page.getByRole('main').getByRole('button', { name: 'New session' });
    await mainNew.waitFor();
    expect(await mainNew.isVisible()).toBe(true);
    await mainNew.click();
    await page.getByRole('dialog', { name: 'New Codex session' }).waitFor();
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('sees each integration fix once, under the problems it mends', async () => {
    const [, report] = await rig.call<{ findings: { ok: boolean; fix?: string }[] }>('GET', '/api/integration');
    const fixes = report.findings.filter((f) => !f.ok && f.fix).map((f) => f.fix);
    // The case the banner used to get wrong: several problems with one fix.
    expect(new Set(fixes).size).toBeLessThan(fixes.length);
    const banner = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Set up the integration' }) });
    await banner.getByText('What is wrong and how to fix it').click();
    const shown = await banner.locator('.fix').allTextContents();
    expect(shown.length).toBe(new Set(fixes).size);
    expect(new Set(shown).size).toBe(shown.length);
    await banner.getByText('What is wrong and how to fix it').click();
  });

  it('picks a theme in Settings; it is applied before the first paint after a reload, and System follows the system', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openSettings();
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(bodyBackground).toBe(DARK_BG);
    // What the page has when its HTML is parsed, before the app's script renders anything.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        (window as unknown as { __themeAtLoad?: string }).__themeAtLoad = document.documentElement.dataset.theme;
      });
    });
    const themeScript = page.waitForResponse((r) => /\/assets\/theme-[0-9a-f]+\.js$/.test(new URL(r.url()).pathname));
    await page.reload();
    await page.getByText('Connected').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __themeAtLoad?: string }).__themeAtLoad)).toBe('dark');
    // The script the page's parsing waits for has a name that changes with its content, so browsers keep it for good.
    const theme = await themeScript;
    expect(theme.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(await theme.text()).toContain('cpmApplyTheme');
    expect(await bodyBackground()).toBe(DARK_BG);

    await openSettings();
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'System' }).check();
    await expect.poll(bodyBackground).toBe(LIGHT_BG);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(bodyBackground).toBe(DARK_BG);
    await page.getByRole('radio', { name: 'Light' }).check();
    await expect.poll(bodyBackground).toBe(LIGHT_BG);
    await page.getByRole('radio', { name: 'System' }).check();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
  });

  it('opens the keyboard shortcuts with "?" and from Settings, but "?" typed into a field is just text', async () => {
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await page.locator('body').click({ position: { x: 700, y: 5 } });
    await page.keyboard.press('?');
    await dialog.waitFor();
    expect(await dialog.getByText('Send the prompt').count()).toBe(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    const filter = page.getByRole('searchbox', { name: 'Filter sessions' });
    await filter.fill('');
    await filter.press('?');
    expect(await filter.inputValue()).toBe('?');
    expect(await dialog.count()).toBe(0);
    await filter.fill('');

    await openSettings();
    await page.getByRole('button', { name: /Keyboard shortcuts/ }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    // On a phone the settings live in the closed drawer: the dialog must still be on screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Close' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('can turn notifications on as soon as the browser allows them, without a reload', async () => {
    await rig.browser.context.clearPermissions();
    await page.reload();
    await page.getByText('Connected').waitFor();
    await openSettings();
    const box = page.getByRole('checkbox', { name: /Desktop notification/ });
    // Asked with no grant: the browser says no, and the checkbox explains and is disabled.
    await box.check({ force: true }).catch(() => {});
    await expect.poll(() => box.isDisabled()).toBe(true);
    await rig.browser.context.grantPermissions(['notifications'], { origin: rig.uiUrl });
    await expect.poll(() => box.isDisabled()).toBe(false);
    await box.check();
    await expect.poll(() => box.isChecked()).toBe(true);
    await box.uncheck();
    await page.keyboard.press('Escape');
  });

  it('opening a used sign-in link shows a page styled like the app that says what to do', async () => {
    // Fetched without the browser's cookie (a signed-in browser is sent on to the app), then shown in a page.
    const answer = await fetch(`${rig.uiUrl}/auth?code=already-used-code`);
    expect(answer.status).toBe(401);
    const other = await rig.browser.context.newPage();
    try {
      await other.setContent(await answer.text());
      await other.getByRole('heading', { name: 'This sign-in link was already used or has expired' }).waitFor();
      expect(await other.getByText('npx codex-pro-max open').count()).toBe(1);
      const look = await other.evaluate(() => {
        const main = document.querySelector('main');
        return { font: getComputedStyle(document.body).fontFamily, radius: main ? getComputedStyle(main).borderRadius : '' };
      });
      expect(look.font).toContain('system-ui');
      expect(look.radius).toBe('10px');
    } finally {
      await other.close();
    }
  });

  it('shows the task given in the terminal first, and "1 file" for one attachment', async () => {
    const day = join(rig.codexHome, 'sessions', '2026', '12', '01');
    mkdirSync(day, { recursive: true });
    copyFileSync(FIXTURE, join(day, `rollout-2026-12-01T12-22-57-${THREAD}.jsonl`));
    const [status, created] = await codex('', { title: 'Notes from the terminal' });
    expect(status).toBe(201);
    sessionId = created.session.id;
    expect((await codex('/conclusion', { content: 'Wrote notes.md.' }))[0]).toBe(201);
    const form = new FormData();
    form.append('file', new Blob(['remember the edge cases']), 'notes.txt');
    expect((await rig.api(`/api/sessions/${sessionId}/attachments`, { method: 'POST', body: form })).status).toBe(201);

    const item = page.getByRole('button', { name: /Notes from the terminal/ });
    await item.getByText('1 file', { exact: true }).waitFor();
    await item.click();
    const first = log().locator('article.entry').first();
    await first.getByText(TASK).waitFor();
    expect(await first.locator('.entry-author').textContent()).toBe('You, in the terminal');
    expect(await log().locator('article.entry').nth(1).getByText('Wrote notes.md.').count()).toBe(1);
  });

  it('folds a huge prompt with "Show all"', async () => {
    const huge = Array.from({ length: 1000 }, (_, i) => `log line ${i}: something happened`).join('\n');
    const waiting = codex('/wait', { timeoutMs: 20_000 });
    expect((await rig.call('POST', `/api/sessions/${sessionId}/prompts`, { content: huge }))[0]).toBe(201);
    const [, got] = await waiting;
    expect(got.status).toBe('instruction');
    const prompt = log().locator('article.entry.user', { hasText: 'log line 0:' });
    const showAll = prompt.getByRole('button', { name: 'Show all (976 more lines)' });
    await showAll.waitFor();
    expect((await prompt.boundingBox())?.height).toBeLessThan(900);
    expect(await prompt.getByText('log line 999:', { exact: false }).count()).toBe(0);
    await showAll.click();
    await prompt.getByText('log line 999:', { exact: false }).waitFor();
    await prompt.getByRole('button', { name: 'Show less' }).click();
    await showAll.waitFor();
  });

  it('shows one toast when the same failure is reported twice', async () => {
    await page.route('**/api/sessions/*/prompts', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ ok: false, error: 'Queue offline for the test.' }),
          })
        : route.continue(),
    );
    try {
      await composer().fill('This will not go through');
      for (let i = 0; i < 2; i++) {
        const answered = page.waitForResponse((r) => r.url().endsWith('/prompts') && r.request().method() === 'POST');
        await composer().press('Control+Enter');
        await answered;
      }
      const toast = page.locator('.toast', { hasText: 'Queue offline for the test.' });
      await toast.waitFor();
      expect(await toast.count()).toBe(1);
      await toast.getByRole('button', { name: 'Dismiss' }).click();
    } finally {
      await page.unroute('**/api/sessions/*/prompts');
      await composer().fill('');
    }
  });

  it('marks a stopped session in the conversation, and its toolbar offers to write a prompt', async () => {
    expect((await codex('/conclusion', { content: 'Read the log.' }))[0]).toBe(201);
    await toolbar().getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Stop this session?' });
    await dialog.getByText('answer in its terminal', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Stop session' }).click();
    const marker = log().locator('.session-marker[data-marker="stopped"]');
    await marker.waitFor();
    expect(await marker.textContent()).toContain('Codex was told to end the Codex Pro Max loop');
    await toolbar().getByRole('button', { name: 'Write a prompt' }).click();
    expect(await composer().evaluate((el) => el === document.activeElement)).toBe(true);
  });
});

describe('drive mode wording', () => {
  it('starts a New session with Ctrl+Enter; while it runs only Interrupt stops it; Stop and Interrupt leave markers', async () => {
    await page
      .getByRole('complementary')
      .or(page.getByRole('navigation', { name: 'Sessions' }))
      .getByRole('button', { name: 'New session' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'New Codex session' });
    await dialog.locator('input[list]').fill(rig.workDir);
    const prompt = dialog.getByRole('textbox', { name: 'Prompt' });
    await prompt.fill('HOLD first turn');
    await prompt.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.status-badge[data-status="RUNNING"]').waitFor();
    await rig.until('the held turn', () => held.length > 0);

    const panel = page.getByRole('region', { name: 'Codex turns run from here' });
    await panel.getByRole('button', { name: 'Interrupt' }).waitFor();
    expect(await toolbar().getByRole('button', { name: 'Stop', exact: true }).count()).toBe(0);

    held.shift()?.();
    await page.locator('.status-badge[data-status="WAITING_FOR_INSTRUCTION"]').waitFor();
    await toolbar().getByRole('button', { name: 'Stop', exact: true }).click();
    const stop = page.getByRole('dialog', { name: 'Stop this session?' });
    const words = (await stop.textContent()) ?? '';
    expect(words).not.toContain('loop');
    expect(words).toContain('queued prompts');
    await stop.getByRole('button', { name: 'Stop session' }).click();
    const stopped = log().locator('.session-marker[data-marker="stopped"]');
    await stopped.waitFor();
    expect(await stopped.textContent()).toContain('Codex Pro Max runs nothing more here');

    await composer().fill('HOLD second turn');
    await composer().press('Control+Enter');
    await rig.until('the second held turn', () => held.length > 0);
    await panel.getByRole('button', { name: 'Interrupt' }).click();
    await log().locator('.session-marker[data-marker="interrupted"]').waitFor();
    for (const release of held.splice(0)) release();
  });
});
