// End to end in real Chromium against a real server: paste and drop uploads, clicking a desktop notification, and
// keyboard-correct dialogs. Waits are on selectors and conditions with deadlines, never fixed sleeps.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, type Rig, startRig } from '../helpers/rig.js';

const THREAD = '0198a5f2-2222-7333-8444-955556666777';
const OTHER_THREAD = '0198a5f2-3333-7444-8555-966667777888';
// A 2×2 red PNG: what a pasted screenshot looks like to the page.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';

let ts: Rig & BrowserRig;
let page: Page;
let sessionId: string;

const codex = (thread: string, path: string, body: unknown = {}) => ts.call('POST', `/api/codex/sessions/by-thread/${thread}${path}`, body);
const composer = () => page.getByRole('combobox', { name: 'Prompt' });
const draft = () => composer().inputValue();
const attachmentNames = async () =>
  (await ts.call<{ attachments: { name: string }[] }>('GET', `/api/sessions/${sessionId}/attachments`))[1].attachments.map((a) => a.name);

/**
 * Holds every upload request until release() is called, so the progress row can be seen without racing a fast
 * loopback upload. Returns how many uploads are being held.
 */
async function holdUploads() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const handled: Promise<void>[] = [];
  const handler = (route: Route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const done = gate.then(() => route.continue());
    handled.push(done);
    return done;
  };
  await page.route('**/api/sessions/*/attachments', handler);
  return {
    held: () => handled.length,
    async release() {
      release();
      await Promise.all(handled);
      await page.unroute('**/api/sessions/*/attachments', handler);
    },
  };
}

/** Dispatches drag events carrying files at `selector`, as a person dragging files from a file manager would. */
function drag(selector: string, types: string[], files: { name: string; type: string; text: string }[]) {
  return page.evaluate(
    ({ selector, types, files }) => {
      const target = document.querySelector(selector);
      if (!target) throw new Error(`no ${selector}`);
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.text], f.name, { type: f.type }));
      return types.map((type) => {
        const event = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt, relatedTarget: null });
        target.dispatchEvent(event);
        return event.defaultPrevented;
      });
    },
    { selector, types, files },
  );
}

const activeInDialog = () => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);
const activeLabel = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}` : '';
  });

beforeAll(async () => {
  ts = await startRig({ browser: true });
  page = ts.page;
  await ts.browser.context.grantPermissions(['notifications'], { origin: ts.uiUrl });
  // Record every desktop notification the page raises (still a real Notification) and every window.focus() call.
  await page.addInitScript(() => {
    const w = window as unknown as { __notes: Notification[]; __focusCalls: number; Notification: typeof Notification };
    const Original = w.Notification;
    w.__notes = [];
    w.__focusCalls = 0;
    w.Notification = class extends Original {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.__notes.push(this);
      }
    };
    const focus = window.focus.bind(window);
    window.focus = () => {
      w.__focusCalls++;
      focus();
    };
  });

  const [status, created] = await codex(THREAD, '', { title: 'Upload playground' });
  expect(status).toBe(201);
  sessionId = created.session.id;
  expect((await codex(THREAD, '/conclusion', { content: 'Ready for files.' }))[0]).toBe(201);
  await page.goto(ts.server.loginUrl());
  await page.getByRole('button', { name: /Upload playground/ }).click();
  await page.getByRole('heading', { name: 'Upload playground' }).waitFor();
  await page.getByRole('log', { name: 'Conversation' }).getByText('Ready for files.').waitFor();
}, 120_000);

afterAll(async () => {
  await ts?.close();
});

describe('uploads by paste and by drag and drop', () => {
  it('pasting a file uploads it with progress and mentions it in the draft instead of pasting text', async () => {
    await composer().fill('Look at');
    const uploads = await holdUploads();
    const prevented = await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['remember the edge cases'], 'clip.txt', { type: 'text/plain' }));
      const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt });
      document.querySelector('textarea[aria-label="Prompt"]')?.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(prevented).toBe(true);
    // While the request is in flight the composer shows a progress row for it.
    await page.getByRole('list', { name: 'Uploads in progress' }).getByRole('progressbar', { name: 'Uploading clip.txt' }).waitFor();
    expect(uploads.held()).toBe(1);
    await uploads.release();
    await page.getByRole('region', { name: 'Attached files' }).locator('[data-attachment-name="clip.txt"]').waitFor();
    await page.getByRole('list', { name: 'Uploads in progress' }).waitFor({ state: 'detached' });
    await expect.poll(draft).toBe('Look at @clip.txt ');
    expect(await attachmentNames()).toContain('clip.txt');
  });

  it('gives pasted screenshots (nameless or "image.png") distinct readable names, even when pasted in the same second', async () => {
    await composer().fill('Two shots:');
    const before = new Set(await attachmentNames());
    const uploads = await holdUploads();
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const box = document.querySelector('textarea[aria-label="Prompt"]');
      // Chromium names a pasted screenshot "image.png"; other sources hand over a file with no name at all.
      for (const name of ['image.png', '']) {
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'image/png' }));
        box?.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt }));
      }
    }, PNG_BASE64);
    await expect.poll(() => page.locator('.upload-rows progress').count()).toBe(2);
    await expect.poll(uploads.held).toBe(2); // both requests are in flight at once
    await uploads.release();
    await ts.until('both pasted files stored', () =>
      ts.changes.some((c) => c.type === 'attachments.changed' && (c.attachments ?? []).filter((a) => !before.has(a.name)).length === 2),
    );
    const added = (await attachmentNames()).filter((n) => !before.has(n));
    expect(added.length).toBe(2);
    for (const name of added) expect(name).toMatch(/^pasted-\d{4}-\d{2}-\d{2}-\d{6}(-\d+)?\.png$/);
    expect(new Set(added).size).toBe(2);
    for (const name of added) await page.locator(`[data-attachment-name="${name}"] img`).waitFor();
    await expect.poll(draft).toMatch(/^Two shots: @pasted-\S+\.png @pasted-\S+\.png $/);
    for (const name of added) expect(await draft()).toContain(`@${name} `);
  });

  it('dropping a file on the composer uploads it with progress and mentions it; dragging out hides the drop hint', async () => {
    await composer().fill('Compare with');
    const file = [{ name: 'dropped.csv', type: 'text/csv', text: 'a,b\n1,2\n' }];
    const overlay = page.getByText('Drop files to attach them');
    // Dragging files over the composer shows the drop hint and allows a drop (dragover is cancelled).
    expect(await drag('textarea[aria-label="Prompt"]', ['dragenter', 'dragover'], file)).toEqual([true, true]);
    await overlay.waitFor();
    // Dragging back out of the window (dragleave with nothing entered) hides it again.
    await drag('textarea[aria-label="Prompt"]', ['dragleave'], file);
    await overlay.waitFor({ state: 'detached' });

    const uploads = await holdUploads();
    await drag('.timeline, .session-view', ['dragenter', 'dragover'], file);
    await overlay.waitFor();
    expect(await drag('textarea[aria-label="Prompt"]', ['dragover', 'drop'], file)).toEqual([true, true]);
    await overlay.waitFor({ state: 'detached' });
    await page.getByRole('progressbar', { name: 'Uploading dropped.csv' }).waitFor();
    await uploads.release();
    await page.locator('[data-attachment-name="dropped.csv"]').waitFor();
    await expect.poll(draft).toBe('Compare with @dropped.csv ');
    expect(await attachmentNames()).toContain('dropped.csv');
  });

  it('ignores drags that carry no files (text being dragged around the page)', async () => {
    const allowed = await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'just text');
      const event = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt });
      document.querySelector('textarea[aria-label="Prompt"]')?.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(allowed).toBe(false);
    expect(await page.getByText('Drop files to attach them').count()).toBe(0);
  });
});

describe('desktop notifications', () => {
  const notes = () => page.evaluate(() => (window as unknown as { __notes: Notification[] }).__notes.map((n) => n.title));

  it('raises none for the person’s own prompt, one when another session waits, and its click opens that session', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('checkbox', { name: /Desktop notification/ }).check();
    await page.getByRole('button', { name: 'Settings' }).click();

    // The person's own action: sending a prompt in the open session. Codex receives it; nothing is notified.
    const waiting = codex(THREAD, '/wait', { timeoutMs: 20_000 });
    await composer().fill('Summarise the files.');
    await composer().press('Control+Enter');
    const [, delivered] = await waiting;
    expect(delivered.instruction.text).toBe('Summarise the files.');
    await page.locator('article.user').getByText('Summarise the files.').waitFor();

    // Another session starts waiting. Pushes apply in order, so once its notice exists every earlier push was handled.
    expect((await codex(OTHER_THREAD, '', { title: 'Background refactor' }))[0]).toBe(201);
    expect((await codex(OTHER_THREAD, '/conclusion', { content: 'Background refactor finished: 12 files.' }))[0]).toBe(201);
    await expect.poll(notes).toEqual(['Codex is waiting: Background refactor']);
    const [, other] = await ts.call('GET', '/api/sessions');
    const otherId = other.sessions.find((s: { title: string }) => s.title === 'Background refactor').id;

    // Still on the first session until the notification is clicked.
    expect(await page.getByRole('heading', { level: 1 }).first().textContent()).toContain('Upload playground');
    const focusBefore = await page.evaluate(() => (window as unknown as { __focusCalls: number }).__focusCalls);
    await page.evaluate(() => {
      const n = (window as unknown as { __notes: Notification[] }).__notes[0];
      n?.onclick?.call(n, new Event('click'));
    });
    await page.getByRole('heading', { name: 'Background refactor' }).waitFor();
    await page.getByRole('log', { name: 'Conversation' }).getByText('Background refactor finished: 12 files.').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/s/${otherId}`);
    await page.locator('.session-item[aria-current="page"]', { hasText: 'Background refactor' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __focusCalls: number }).__focusCalls)).toBe(focusBefore + 1);
    expect(await notes()).toEqual(['Codex is waiting: Background refactor']);
  });
});

describe('dialogs are keyboard-correct', () => {
  /** Tabs forwards then backwards through more stops than the dialog has, checking focus never leaves it. */
  async function expectFocusTrapped(dialogName: string) {
    const stops = await page
      .getByRole('dialog', { name: dialogName })
      .evaluate((el) => el.querySelectorAll('button:not([disabled]), input:not([disabled]), textarea, select, a[href]').length);
    const seen = new Set<string>();
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press('Tab');
      expect(await activeInDialog()).toBe(true);
      seen.add(await activeLabel());
    }
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await activeInDialog()).toBe(true);
    }
    expect(seen.size).toBeGreaterThan(1);
  }

  async function expectFocusReturnedTo(name: string) {
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '')).toBe(name);
  }

  async function clickBackdrop() {
    // A point on the backdrop, well outside the centred dialog box.
    await page.mouse.click(8, 8);
  }

  it('slash prompts: focus moves in, Tab is trapped, Escape and the backdrop close it, focus returns to Settings', async () => {
    const open = async () => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Slash prompts…' }).click();
      await page.getByRole('dialog', { name: 'Slash prompts' }).waitFor();
    };
    await open();
    expect(await activeInDialog()).toBe(true);
    await expectFocusTrapped('Slash prompts');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expectFocusReturnedTo('Settings');

    await open();
    expect(await activeInDialog()).toBe(true);
    // A click inside the dialog does not close it; one on the backdrop does.
    await page.getByRole('dialog', { name: 'Slash prompts' }).getByRole('heading', { name: 'Slash prompts' }).click();
    expect(await page.getByRole('dialog').count()).toBe(1);
    await clickBackdrop();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expectFocusReturnedTo('Settings');
  });

  it('new session: focus moves to the prompt, Tab is trapped, Escape and the backdrop close it, focus returns to its button', async () => {
    const opener = page.getByRole('button', { name: 'New session' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'New Codex session' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Prompt' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await expectFocusTrapped('New Codex session');
    // Wrapping at the ends: Shift+Tab from the first stop goes to the last, Tab from the last back to the first.
    await dialog.getByRole('textbox', { name: 'Prompt' }).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await activeLabel()).toBe('button:Cancel');
    await page.keyboard.press('Tab');
    expect(await dialog.getByRole('textbox', { name: 'Prompt' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocusReturnedTo('New session');

    await opener.click();
    await dialog.waitFor();
    await clickBackdrop();
    await dialog.waitFor({ state: 'detached' });
    await expectFocusReturnedTo('New session');
  });

  it('raised no script errors, CSP violations or failed requests', () => {
    expect(ts.pageErrors).toEqual([]);
  });
});
