// End to end in real Chromium against a real server: a fake Codex client drives the Codex-facing API while the
// page is used like a person would. Waits are on selectors and conditions with deadlines, never fixed sleeps.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, type Rig, startRig } from '../helpers/rig.js';

const THREAD = '0198a5f2-1111-7222-8333-944445555666';
const OTHER_THREAD = '0198a5f2-aaaa-7bbb-8ccc-9ddddeeeeeee';
const SHOTS = process.env.CPM_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'cpm-ui-shots-'));
// A 2×2 red PNG, so the inline image preview has something real to decode.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

let ts: Rig & BrowserRig;
let page: Page;

const codex = (path: string, body: unknown = {}) => ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}${path}`, body);
const waitForPrompt = (timeoutMs = 20_000) => codex('/wait', { timeoutMs });
/** What Codex does after working on a prompt: hand back a conclusion, then wait for the next one. */
async function concludeAndWait(conclusion: string) {
  const [status] = await codex('/conclusion', { content: conclusion });
  expect(status).toBe(201);
  return waitForPrompt();
}
const composer = () => page.getByRole('combobox', { name: 'Prompt' });
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

async function typeAndSend(text: string) {
  await composer().fill(text);
  await composer().press('Control+Enter');
  await page.waitForFunction(() => (document.querySelector('textarea[aria-label="Prompt"]') as HTMLTextAreaElement | null)?.value === '');
}

beforeAll(async () => {
  ts = await startRig({ browser: true });
  page = ts.page;
  console.log(`UI screenshots: ${SHOTS}`);
}, 120_000);

afterAll(async () => {
  await ts?.close();
});

describe('Codex Pro Max in a browser', () => {
  it('signs in with the one-time link and sees a session Codex creates, live', async () => {
    await page.goto(ts.server.loginUrl());
    await page.getByRole('main').getByText('No sessions yet', { exact: false }).waitFor({ timeout: 15_000 });
    await page.getByText('Connected').waitFor();
    // The sidebar's buttons are one width, before any view's own stylesheet has loaded.
    const widths = await page.locator('.sidebar-footer .button').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
    expect(widths.length).toBeGreaterThanOrEqual(4);
    expect(new Set(widths.map(Math.round)).size).toBe(1);
    const [status] = await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}`, { title: 'Refactor the parser' });
    expect(status).toBe(201);
    await page.getByRole('button', { name: /Refactor the parser/ }).click();
    await page.getByRole('heading', { name: 'Refactor the parser' }).waitFor();
    await page.locator('.status-badge[data-status="RUNNING"]').waitFor();
  });

  // How soon it appears is measured by `npm run bench:ui`, not asserted here.
  it('shows a conclusion, rendered as Markdown, live in the open page', async () => {
    // Recorded in the page when the marker text appears: a reload would lose the observer and the record.
    await page.evaluate(() => {
      const w = window as unknown as { __seenAt?: number };
      const observer = new MutationObserver(() => {
        if (!w.__seenAt && document.body.textContent?.includes('MARKER-7731')) {
          w.__seenAt = Date.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    const conclusion =
      '## Parser done MARKER-7731\n\n| step | result |\n|---|---|\n| tests | pass |\n\n- [x] split lexer\n\n```ts\nconst ok = true;\n```\n\n$$\nE = mc^2\n$$';
    const [status] = await codex('/conclusion', { content: conclusion });
    expect(status).toBe(201);
    await page.getByRole('heading', { name: /Parser done/ }).waitFor();
    const seenAt = await page.evaluate(() => (window as unknown as { __seenAt?: number }).__seenAt ?? 0);
    expect(seenAt).toBeGreaterThan(0);
    const body = page.locator('article.codex').last();
    // Math and highlighting are applied in a deferred render right after the text is painted.
    await body.locator('.markdown[data-rich]').waitFor();
    expect(await body.locator('table td').count()).toBe(2);
    expect(await body.locator('input[type="checkbox"]').isChecked()).toBe(true);
    expect(await body.locator('code.hljs .hljs-keyword').first().textContent()).toBe('const');
    expect(await body.locator('.katex-display').count()).toBe(1);
    await page.locator('.status-badge[data-status="WAITING_FOR_INSTRUCTION"]').waitFor();
    await shot('01-conclusion-desktop');
  });

  it('sends a prompt with Ctrl+Enter and the waiting Codex receives it', async () => {
    const waiting = waitForPrompt();
    await composer().fill('Now add tests for the lexer.\nKeep them small.');
    await composer().press('Enter'); // a newline, not a send
    expect(await composer().inputValue()).toContain('\n');
    await composer().press('Control+Enter');
    const [, result] = await waiting;
    expect(result.status).toBe('instruction');
    expect(result.instruction.text).toBe('Now add tests for the lexer.\nKeep them small.\n');
    await page.locator('article.user').getByText('Now add tests for the lexer.').waitFor();
    await page.locator('.status-badge[data-status="RUNNING"]').waitFor();
  });

  it('queues two prompts while Codex works, edits and reorders them, and Codex gets them in that order', async () => {
    await expect.poll(() => page.getByRole('button', { name: /Queue/ }).count()).toBe(1);
    await typeAndSend('First queued prompt');
    await typeAndSend('Second queued prompt');
    const tray = page.getByRole('region', { name: 'Queued prompts' });
    await tray.getByText('Second queued prompt').waitFor();
    await tray.getByRole('button', { name: 'Edit queued prompt' }).nth(1).click();
    await tray.getByRole('textbox', { name: 'Edit queued prompt' }).fill('Second prompt, edited');
    await tray.getByRole('button', { name: 'Save' }).click();
    await tray.getByText('Second prompt, edited').waitFor();
    await tray.getByRole('button', { name: 'Move up' }).nth(1).click();
    await page.waitForFunction(() => document.querySelector('.queue-tray li.queued .queue-text')?.textContent === 'Second prompt, edited');
    // The prompt Codex is working on is already in the timeline, so the tray does not list it twice.
    expect(await tray.getByText('Now add tests for the lexer.').count()).toBe(0);
    await shot('02-queue-tray');
    const [, first] = await concludeAndWait('Lexer tests added.');
    expect(first.instruction.text).toBe('Second prompt, edited');
    const [, second] = await concludeAndWait('Edited prompt done.');
    expect(second.instruction.text).toBe('First queued prompt');
    await tray.locator('li.queued').first().waitFor({ state: 'detached' });
  });

  it('uploads files with progress, previews images inline and completes an @mention', async () => {
    await page.locator('input[type="file"]').setInputFiles([
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('remember the edge cases') },
      { name: 'screen.png', mimeType: 'image/png', buffer: PNG },
    ]);
    const files = page.getByRole('region', { name: 'Attached files' });
    await files.locator('[data-attachment-name="notes.txt"]').waitFor();
    await files.locator('[data-attachment-name="screen.png"] img').waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-attachment-name="screen.png"] img') as HTMLImageElement | null;
      return img?.complete && img.naturalWidth === 2;
    });
    expect(await files.locator('[data-attachment-name="notes.txt"] a[download]').count()).toBe(1);
    expect(await page.locator('iframe, object, embed').count()).toBe(0);

    await composer().fill('');
    await composer().pressSequentially('Please read @no');
    await page.getByRole('option', { name: /@notes\.txt/ }).waitFor();
    await composer().press('Enter');
    expect(await composer().inputValue()).toBe('Please read @notes.txt ');
    await codex('/conclusion', { content: 'First queued prompt done.' });
    const waiting = waitForPrompt();
    await composer().press('Control+Enter');
    const [, result] = await waiting;
    expect(result.instruction.attachments.map((a: { name: string }) => a.name)).toEqual(['notes.txt']);
    expect(result.instruction.content).toContain('Attachment file paths');
  });

  it('creates a slash prompt and inserts it only when chosen', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Slash prompts…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Slash prompts' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('review');
    await dialog.getByRole('textbox', { name: 'Text to insert' }).fill('Review the last change for bugs and missing tests.');
    await dialog.getByRole('button', { name: 'Add slash prompt' }).click();
    await dialog.getByText('/review').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    await composer().fill('');
    await composer().pressSequentially('/review');
    await page.getByRole('option', { name: /\/review/ }).waitFor();
    expect(await composer().inputValue()).toBe('/review'); // typing the exact name expands nothing
    await composer().press('Tab');
    expect(await composer().inputValue()).toBe('Review the last change for bugs and missing tests.');
    await composer().fill('');
  });

  it('stops the session (Codex is told), then resumes it by sending a prompt', async () => {
    await codex('/conclusion', { content: 'Read the notes.' });
    const waiting = waitForPrompt();
    await page.getByRole('toolbar', { name: 'Session actions' }).getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('dialog', { name: 'Stop this session?' }).getByRole('button', { name: 'Stop session' }).click();
    const [, stopped] = await waiting;
    expect(stopped.status).toBe('stopped');
    await page.locator('.status-badge[data-status="STOPPED"]').waitFor();

    await page.getByRole('button', { name: 'Write a prompt', exact: true }).click();
    await page.getByText('it continues this conversation', { exact: false }).waitFor();
    expect(await composer().evaluate((el) => el === document.activeElement)).toBe(true);
    // Stop ended that Codex's loop, so nothing would take the prompt now: the page says so instead of "Running".
    expect(await page.getByRole('button', { name: 'Queue', exact: true }).count()).toBe(1);
    await typeAndSend('Carry on with the docs.');
    await page
      .getByText(/Codex is not connected/)
      .first()
      .waitFor();
    expect(await page.locator('.status-badge[data-status="RUNNING"]').count()).toBe(0);
    await codex('', {}); // Codex attaches again, as the skill does after a stop
    const [, resumed] = await waitForPrompt();
    expect(resumed.instruction.text).toBe('Carry on with the docs.');
  });

  it('marks other sessions unread, notifies, counts waiting ones in the tab title, and renames', async () => {
    // Desktop notifications: permission is granted to the profile, then switched on from the settings menu.
    await ts.browser.context.grantPermissions(['notifications'], { origin: ts.uiUrl });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('checkbox', { name: /Desktop notification/ }).check();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.evaluate(() => {
      const w = window as unknown as { __notes: string[]; Notification: typeof Notification };
      const Original = w.Notification;
      w.__notes = [];
      w.Notification = class extends Original {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          w.__notes.push(title);
        }
      };
    });
    await ts.call('POST', `/api/codex/sessions/by-thread/${OTHER_THREAD}`, {});
    await ts.call('POST', `/api/codex/sessions/by-thread/${OTHER_THREAD}/conclusion`, { content: 'Other work finished.' });
    const other = page.locator('.session-item', { hasText: 'Other work finished.' });
    await other.locator('.unread-dot').waitFor();
    await page.waitForFunction(() => document.title === '(1) Codex Pro Max');
    await page.waitForFunction(() => (window as unknown as { __notes: string[] }).__notes.length === 1);
    await other.click();
    await other.locator('.unread-dot').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Rename session' }).click();
    await page.getByRole('textbox', { name: 'Session title' }).fill('Side quest');
    await page.getByRole('textbox', { name: 'Session title' }).press('Enter');
    await page.getByRole('button', { name: /Side quest/ }).waitFor();
    await page.getByRole('searchbox', { name: 'Filter sessions' }).fill('side');
    // The list follows the filter a frame later (a deferred value, so typing never waits for the list).
    await expect.poll(() => page.locator('.session-item').count()).toBe(1);
    await page.locator('.session-item', { hasText: 'Side quest' }).waitFor();
    await page.getByRole('searchbox', { name: 'Filter sessions' }).fill('');
    await expect.poll(() => page.locator('.session-item').count()).toBeGreaterThan(1);
    // The person's own actions (opening, renaming, reading) never notify.
    expect(await page.evaluate(() => (window as unknown as { __notes: string[] }).__notes)).toEqual([
      expect.stringContaining('Codex is waiting'),
    ]);
  });

  it('shows that it is reconnecting and reloads what it missed while disconnected', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { __sawReconnecting?: boolean };
      const observer = new MutationObserver(() => {
        if (document.body.textContent?.includes('Reconnecting')) {
          w.__sawReconnecting = true;
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    // Drop every event stream, then change something while no browser is listening: only a snapshot reload shows it.
    ts.server.ctx.push.close();
    await codex('/conclusion', { content: 'Written while the page was disconnected.' });
    await page.waitForFunction(() => (window as unknown as { __sawReconnecting?: boolean }).__sawReconnecting === true);
    await page.getByText('Connected', { exact: true }).waitFor();
    await page.locator('.session-item', { hasText: 'Written while the page was disconnected.' }).waitFor();
  });

  it('clears and deletes a session after confirmation', async () => {
    await page.getByRole('button', { name: 'Clear conversation' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Clear conversation' }).click();
    await page.getByText('No messages yet.').waitFor();
    await page.getByRole('button', { name: 'Delete session' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete session' }).click();
    await page.locator('.session-item', { hasText: 'Side quest' }).waitFor({ state: 'detached' });
    expect(await page.locator('.session-item').count()).toBe(1);
  });

  it('works at phone width: sessions in a drawer, composer on screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Sessions', exact: true }).click();
    const nav = page.locator('nav.sidebar'); // hidden drawers leave the accessibility tree, so not by role
    await nav.getByRole('button', { name: /Refactor the parser/ }).click();
    await page.getByRole('heading', { name: 'Refactor the parser' }).waitFor();
    await expect.poll(() => nav.evaluate((el) => getComputedStyle(el).visibility)).toBe('hidden');
    await composer().waitFor();
    await shot('03-phone-session');
    const box = await composer().boundingBox();
    expect(box).not.toBeNull();
    expect({ top: box!.y, bottom: box!.y + box!.height, left: box!.x, right: box!.x + box!.width }).toEqual({
      top: expect.any(Number),
      bottom: expect.toSatisfy((v: number) => v <= 844),
      left: expect.toSatisfy((v: number) => v >= 0),
      right: expect.toSatisfy((v: number) => v <= 390),
    });
    await page.getByRole('button', { name: 'Show sessions' }).click();
    await expect.poll(() => nav.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    // Wait for the slide-in to finish so the screenshot shows the drawer in place.
    await expect.poll(() => nav.evaluate((el) => getComputedStyle(el).transform)).toBe('none');
    await shot('04-phone-drawer');
    // Themes follow the system setting.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 23, 27)');
    await shot('06-phone-drawer-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows the integration banner with its fix, and runs setup from it', async () => {
    const banner = page
      .getByRole('alert')
      .filter({ hasText: 'Codex' })
      .filter({ has: page.getByRole('button', { name: 'Set up the integration' }) });
    await banner.waitFor();
    await banner.getByText('What is wrong and how to fix it').click();
    await banner.getByText('Fix:', { exact: false }).first().waitFor();
    await shot('05-integration-banner');
    await banner.getByRole('button', { name: 'Set up the integration' }).click();
    await expect.poll(async () => (await ts.call('GET', '/api/integration'))[1].installed, { timeout: 10_000 }).toBe(true);
  });

  it('raised no script errors or CSP violations', () => {
    expect(ts.pageErrors).toEqual([]);
  });
});
