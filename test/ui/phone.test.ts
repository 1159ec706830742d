// The phone-first layout in real Chromium at 390×844: every panel is reachable (the session list, the conversation,
// the queue, the activity of a running turn, approvals, usage), nothing is wider than the screen, an approval shows its
// command, folder and diff and is answered with one tap of a thumb-sized button, and the composer stays above the
// on-screen keyboard (the viewport meta asks for resizes-content, so the keyboard shrinks the layout; emulated here
// by a shorter window). Screenshots go to CPM_SCREENSHOTS when set.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionId } from '../../src/shared/ids.js';
import type { Approval } from '../../src/shared/live.js';
import { openApprovalBase, setLive, waitingOnApprovals } from '../helpers/live-push.js';
import { type BrowserRig, type Rig, startRig } from '../helpers/rig.js';

const PHONE = { width: 390, height: 844 };
const SHOTS = process.env.CPM_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'cpm-ui-shots-'));
// The recorded codex 0.171 MCP-loop rollout: usage and activity for an attached session.
const LOOP_THREAD = '01a2318e-e1b5-75d1-a56c-408f84ad2775';
const FIXTURE = join(import.meta.dirname, '../fixtures/rollouts/v0171-mcp-loop.jsonl');
const LIVE_THREAD = '019ad1e0-4a11-7b22-8c33-d44455566600';
const APPROVAL_ID = '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d00';

let rig: Rig & BrowserRig;
let loopId: SessionId;
let liveId: SessionId;

const codex = (thread: string, path: string, body: unknown = {}) =>
  rig.call('POST', `/api/codex/sessions/by-thread/${thread}${path}`, body);

/** The element is on screen whole (after the page scrolled it into view, as a person would) and not wider than it. */
async function onScreen(locator: Locator, height = PHONE.height): Promise<{ x: number; y: number; width: number; height: number }> {
  // A row can be replaced while it scrolls (the session's detail arriving re-renders it): take the new one.
  for (let attempt = 1; ; attempt++) {
    await locator.waitFor();
    try {
      await locator.scrollIntoViewIfNeeded();
      break;
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('not attached')) throw error;
    }
  }
  const box = await locator.boundingBox();
  if (!box) throw new Error('not rendered');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width + 0.5);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + Math.min(box.height, 40)).toBeLessThanOrEqual(height + 0.5);
  return box;
}

async function noSidewaysScroll(): Promise<void> {
  const wide = await rig.page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  expect(wide).toBeLessThanOrEqual(PHONE.width);
}

const shot = (name: string) => rig.page.screenshot({ path: join(SHOTS, `phone-${name}.png`) });

async function openFromDrawer(title: RegExp) {
  const { page } = rig;
  // From a session its header's button; from the first screen the one in the main area.
  const fromSession = page.getByRole('button', { name: 'Show sessions' });
  if (await fromSession.isVisible()) await fromSession.click();
  else await page.getByRole('main').getByRole('button', { name: 'Sessions' }).click();
  const nav = page.getByRole('navigation', { name: 'Sessions' });
  await onScreen(nav.getByRole('button', { name: title }));
  await nav.getByRole('button', { name: title }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}

beforeAll(async () => {
  rig = await startRig({ browser: true });
  const day = join(rig.codexHome, 'sessions', '2026', '12', '01');
  mkdirSync(day, { recursive: true });
  copyFileSync(FIXTURE, join(day, `rollout-2026-12-01T12-22-57-${LOOP_THREAD}.jsonl`));
  const [, loop] = await codex(LOOP_THREAD, '', { title: 'Write the release notes' });
  loopId = loop.session.id;
  await codex(LOOP_THREAD, '/conclusion', { content: 'I wrote `notes.md` with the three changes since 0.3.' });
  // Codex takes the next prompt and works on it (running: its activity shows), with two more queued behind it.
  const waiting = codex(LOOP_THREAD, '/wait', { timeoutMs: 20_000 });
  await rig.call('POST', `/api/sessions/${loopId}/prompts`, { content: 'Add a section on upgrading from 0.3.' });
  await waiting;
  for (const content of ['Proofread the whole file for typos.', 'Then shorten the intro to two sentences.']) {
    await rig.call('POST', `/api/sessions/${loopId}/prompts`, { content });
  }
  const [, live] = await codex(LIVE_THREAD, '', { title: 'Parser refactor in the terminal' });
  liveId = live.session.id;
  await rig.page.setViewportSize(PHONE);
  await rig.page.goto(rig.server.loginUrl());
  await rig.page.locator('.connection.live').waitFor({ state: 'attached' });
  console.log(`Phone screenshots: ${SHOTS}`);
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

describe('at phone size (390×844)', () => {
  it('reaches the session list, the conversation, the queue, the activity and the usage', async () => {
    const { page } = rig;
    await openFromDrawer(/Write the release notes/);
    await noSidewaysScroll();
    const conversation = page.getByRole('log', { name: 'Conversation' });
    await onScreen(conversation.getByText('notes.md', { exact: false }).first());
    // The queue: both waiting prompts can be read.
    const queue = page.getByRole('region', { name: 'Queued prompts' });
    await onScreen(queue);
    await queue.getByText('Proofread the whole file', { exact: false }).waitFor();
    // Usage from the rollout, under the title.
    await onScreen(page.getByRole('region', { name: 'Token usage' }));
    // Activity of the running turn, from the rollout.
    await onScreen(page.getByRole('region', { name: 'Codex activity' }));
    await shot('session-running');
    // The composer is on screen too.
    await onScreen(page.getByRole('combobox', { name: 'Prompt' }));
  });

  it('reads an approval (command, folder, diff) and answers it with one tap of a thumb-sized button', async () => {
    const { page } = rig;
    await setLive(rig, liveId, waitingOnApprovals('turn-1', 2));
    const base = openApprovalBase(liveId, LIVE_THREAD, 'turn-1');
    const command: Approval = {
      ...base,
      id: APPROVAL_ID,
      kind: 'command',
      title: 'Run the test suite with network access',
      command: 'npm test -- --run --reporter=verbose --coverage src/parser src/lexer',
      cwd: '/home/me/projects/parser-with-a-rather-long-folder-name/packages/core',
      diff: null,
      choices: [
        { id: 'accept', label: 'Yes, run it', tone: 'accept' },
        { id: 'decline', label: 'No, and tell Codex why', tone: 'decline' },
      ],
    };
    const fileChange: Approval = {
      ...base,
      id: `${APPROVAL_ID.slice(0, -1)}1`,
      kind: 'file_change',
      title: 'Write src/lexer.ts',
      command: null,
      cwd: '/home/me/projects/parser',
      diff: '--- /dev/null\n+++ b/src/lexer.ts\n@@ -0,0 +1,3 @@\n+export function tokenize(input: string): string[] {\n+  return input.split(/\\s+/).filter((word) => word.length > 0);\n+}',
      choices: [
        { id: 'accept', label: 'Yes, write it', tone: 'accept' },
        { id: 'decline', label: 'No', tone: 'decline' },
      ],
    };
    await openFromDrawer(/Parser refactor in the terminal/);
    rig.server.ctx.push.publish({ type: 'approval.changed', sessionId: liveId, approval: command });
    rig.server.ctx.push.publish({ type: 'approval.changed', sessionId: liveId, approval: fileChange });
    const card = page.getByRole('article', { name: /Approval: Run the test suite/ });
    await card.waitFor();
    await noSidewaysScroll();
    // Everything needed to decide is readable on the phone: the whole command and the folder wrap, nothing is cut.
    const commandText = card.locator('.approval-command');
    await onScreen(commandText);
    expect(await commandText.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await card.getByText('parser-with-a-rather-long-folder-name', { exact: false }).waitFor();
    await shot('approval');
    const diffCard = page.getByRole('article', { name: /Approval: Write src\/lexer.ts/ });
    await onScreen(diffCard.getByText('export function tokenize', { exact: false }));
    await shot('approval-diff');
    // One thumb: the answer is a button at least 44 px tall and most of the screen wide.
    const yes = card.getByRole('button', { name: 'Yes, run it' });
    const box = await onScreen(yes);
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(PHONE.width * 0.4);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/approvals/${APPROVAL_ID}`);
    await yes.click();
    expect((await posted).postDataJSON()).toEqual({ choice: 'accept' });
  });

  it('keeps the composer above the on-screen keyboard', async () => {
    const { page } = rig;
    await openFromDrawer(/Write the release notes/);
    const prompt = page.getByRole('combobox', { name: 'Prompt' });
    await prompt.click();
    // A 336 px keyboard with resizes-content: the layout viewport is what is left above it.
    const keyboardUp = PHONE.height - 336;
    await page.setViewportSize({ width: PHONE.width, height: keyboardUp });
    await page.waitForFunction((h) => window.innerHeight === h, keyboardUp);
    const composer = await onScreen(prompt, keyboardUp);
    // (Within a pixel: the composer's border may sit on the last row.)
    expect(composer.y + composer.height).toBeLessThanOrEqual(keyboardUp + 1);
    await prompt.fill('Typed with the keyboard up');
    const send = page.locator('.send-button').first();
    const sendBox = await onScreen(send, keyboardUp);
    expect(sendBox.y + sendBox.height).toBeLessThanOrEqual(keyboardUp + 1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Prompt');
    await shot('keyboard');
    const viewport = await page.evaluate(() => document.querySelector('meta[name="viewport"]')?.getAttribute('content'));
    expect(viewport).toContain('interactive-widget=resizes-content');
    await page.setViewportSize(PHONE);
  });
});
