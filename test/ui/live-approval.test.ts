// In real Chromium against a real server: a live Codex thread's session with pushes injected through the server's
// push hub (the daemon side is not needed for what the page does with them). An approval card appears in two tabs,
// a click on a choice POSTs the answer, and an approval.changed push that closes it removes the card from both.
// Also the live transcript (turn, items, streamed text), the sidebar chip, the tab title and the daemon banner, with
// screenshots of the live view at 1440×900 and 390×844, light and dark. Waits are on selectors, never sleeps.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionId } from '../../src/shared/ids.js';
import type { Approval, DaemonStatus, LiveInfo, LiveTurn } from '../../src/shared/live.js';
import type { ActivityItem } from '../../src/shared/rollout.js';
import type { SessionSummary } from '../../src/shared/schemas.js';
import { setLive as setSessionLive } from '../helpers/live-push.js';
import { type BrowserRig, type Rig, startRig } from '../helpers/rig.js';

const THREAD = '019ad1e0-4a11-7b22-8c33-d44455566677';
const SHOTS = process.env.CPM_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'cpm-ui-shots-'));
const TURN = 'turn-1';
// The server checks approval ids are UUIDs (a bad one is a 400 before any lookup).
const APPROVAL_ID = '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e';

let rig: Rig & BrowserRig;
let tab1: Page;
let tab2: Page;
let sessionId: SessionId;

const live = (over: Partial<LiveInfo> = {}): LiveInfo => ({
  status: 'working',
  turnId: TURN,
  model: 'gpt-5.1-codex',
  originator: 'codex-tui',
  pendingApprovals: 0,
  updatedAt: new Date().toISOString(),
  ...over,
});

/** Makes the session live the way the server would: its stored live side and a session.upserted push. */
const setLive = (info: LiveInfo) => setSessionLive(rig, sessionId, info);

const publish = (message: Parameters<Rig['server']['ctx']['push']['publish']>[0]) => rig.server.ctx.push.publish(message);
const item = (i: ActivityItem) => publish({ type: 'live.item', sessionId, turnId: TURN, item: i });

const approval = (state: Approval['state']): Approval => ({
  id: APPROVAL_ID,
  sessionId,
  threadId: THREAD,
  turnId: TURN,
  kind: 'command',
  title: 'Run the test suite with network access',
  command: 'npm test -- --run',
  cwd: '/home/me/projects/parser',
  reason: 'The tests download fixtures.',
  diff: null,
  choices: [
    { id: 'decline', label: 'No, and tell Codex why', tone: 'decline' },
    { id: 'accept', label: 'Yes, run it', tone: 'accept' },
    { id: 'acceptForSession', label: 'Yes, and don’t ask again this session', tone: 'accept' },
    { id: 'cancel', label: 'Stop the turn', tone: 'neutral' },
  ],
  questions: [],
  formSchema: null,
  state,
  answer: null,
  createdAt: new Date().toISOString(),
  closedAt: state === 'open' ? null : new Date().toISOString(),
});

const daemon = (state: DaemonStatus['state']): DaemonStatus => ({
  state,
  socketPath: null,
  message: '',
  startCommand: state === 'not_running' ? 'codex app-server daemon start' : null,
  watchedThreads: 0,
});

const nextPost = (page: Page, path: string) => page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === path);
const card = (page: Page) => page.getByRole('article', { name: /Approval: Run the test suite/ });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  rig = await startRig({ browser: true });
  tab1 = rig.page;
  const [status, body] = await rig.call<{ session: SessionSummary }>('POST', `/api/codex/sessions/by-thread/${THREAD}`, {
    title: 'Parser refactor in the terminal',
  });
  expect(status).toBe(201);
  sessionId = body.session.id;
  console.log(`UI screenshots: ${SHOTS}`);
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

describe('a live Codex thread in the browser', () => {
  it('shows the live status in the sidebar and the transcript as pushes arrive', async () => {
    await tab1.setViewportSize({ width: 1440, height: 900 });
    await tab1.goto(rig.server.loginUrl());
    await tab1.locator('.connection.live').waitFor();
    await setLive(live());
    const row = tab1.locator(`[data-session-id="${sessionId}"]`);
    await row.locator('.live-chip[data-live-status="working"]').waitFor();
    expect(await row.locator('.live-origin').textContent()).toBe('terminal');
    await row.click();
    await tab1.getByRole('log', { name: 'Live transcript' }).waitFor();

    publish({ type: 'live.turn', sessionId, turn: { id: TURN, status: 'in_progress', items: [], error: null } satisfies LiveTurn });
    item({ id: 'u1', atIso: null, kind: 'user', text: 'Split the lexer out of the parser and keep the tests green.' });
    item({ id: 'r1', atIso: null, kind: 'reasoning', text: 'The lexer lives in parser.ts; moving it means updating two imports.' });
    item({
      id: 'c1',
      atIso: null,
      kind: 'command',
      command: 'rg -n "tokenize" src',
      cwd: '/home/me/projects/parser',
      exitCode: 0,
      output: 'src/parser.ts:12:export function tokenize(input: string) {\nsrc/index.ts:3:import { tokenize } from "./parser";\n',
      status: 'completed',
      durationMs: 40,
    });
    item({
      id: 'f1',
      atIso: null,
      kind: 'file_change',
      files: [
        {
          path: 'src/lexer.ts',
          change: 'add',
          movePath: null,
          diff: '--- /dev/null\n+++ b/src/lexer.ts\n@@ -0,0 +1,3 @@\n+export function tokenize(input: string) {\n+  return input.split(/\\s+/);\n+}',
        },
      ],
      status: 'completed',
    });
    publish({ type: 'live.delta', sessionId, turnId: TURN, itemId: 'm1', text: 'The lexer now lives in ' });
    publish({ type: 'live.delta', sessionId, turnId: TURN, itemId: 'm1', text: '`src/lexer.ts`. Running the tests next.' });
    const transcript = tab1.getByRole('log', { name: 'Live transcript' });
    await transcript.getByText('Running the tests next.', { exact: false }).waitFor();
    expect(await transcript.locator('[data-kind="command"] .live-exit').textContent()).toBe('exit 0');
    await transcript.locator('.diff-add', { hasText: 'export function tokenize' }).waitFor();
    // While a turn runs, the composer offers both ways in, and the header offers Interrupt.
    await tab1.getByRole('button', { name: /Steer now/ }).waitFor();
    await tab1.getByRole('button', { name: /Queue for next turn/ }).waitFor();
    await tab1.getByRole('button', { name: 'Interrupt' }).waitFor();
    // Each goes to its own endpoint: steer and interrupt to the live routes, queue to the session's prompt queue.
    const prompt = tab1.getByRole('combobox', { name: 'Prompt' });
    const steered = nextPost(tab1, `/api/sessions/${sessionId}/live/steer`);
    await prompt.fill('Keep the old export too.');
    await tab1.getByRole('button', { name: /Steer now/ }).click();
    expect((await steered).postDataJSON()).toEqual({ content: 'Keep the old export too.' });
    const queued = nextPost(tab1, `/api/sessions/${sessionId}/prompts`);
    await prompt.fill('Then update the changelog.');
    await tab1.getByRole('button', { name: /Queue for next turn/ }).click();
    expect((await queued).postDataJSON()).toEqual({ content: 'Then update the changelog.' });
    await tab1.waitForFunction(() => (document.querySelector('textarea[aria-label="Prompt"]') as HTMLTextAreaElement).value === '');
    const interrupted = nextPost(tab1, `/api/sessions/${sessionId}/live/interrupt`);
    await tab1.getByRole('button', { name: 'Interrupt' }).click();
    await interrupted;
  });

  it('an approval appears in two tabs, a click posts the answer, and a close push removes it from both', async () => {
    tab2 = await rig.browser.context.newPage();
    await tab2.setViewportSize({ width: 1440, height: 900 });
    await tab2.goto(`${rig.uiUrl}/#/s/${sessionId}`);
    await tab2.getByRole('log', { name: 'Live transcript' }).waitFor();

    publish({ type: 'approval.changed', sessionId, approval: approval('open') });
    await setLive(live({ status: 'needs_approval', pendingApprovals: 1 }));
    for (const tab of [tab1, tab2]) {
      await card(tab).waitFor();
      await tab.locator('.live-chip[data-live-status="needs_approval"] .live-badge', { hasText: '1' }).waitFor();
      await tab.waitForFunction(() => document.title.startsWith('(1) Approval needed'));
    }
    const buttons = await card(tab1).getByRole('button').allTextContents();
    expect(buttons).toEqual(['Yes, run it', 'Yes, and don’t ask again this session', 'Stop the turn', 'No, and tell Codex why']);
    expect(await card(tab1).textContent()).toContain('$ npm test -- --run');

    for (const [size, name] of [
      [{ width: 1440, height: 900 }, 'desktop'],
      [{ width: 390, height: 844 }, 'phone'],
    ] as const) {
      await tab1.setViewportSize(size);
      for (const scheme of ['light', 'dark'] as const) {
        await tab1.emulateMedia({ colorScheme: scheme });
        await shot(tab1, `live-approval-${name}-${scheme}`);
      }
    }
    await tab1.emulateMedia({ colorScheme: 'light' });
    await tab1.setViewportSize({ width: 1440, height: 900 });

    const posted = tab1.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/approvals/${APPROVAL_ID}`);
    await card(tab1).getByRole('button', { name: 'Yes, run it' }).click();
    expect((await posted).postDataJSON()).toEqual({ choice: 'accept' });

    // Answered in the terminal first: the server's close push takes the card away in every tab.
    publish({ type: 'approval.changed', sessionId, approval: approval('resolved_elsewhere') });
    await setLive(live({ status: 'working', pendingApprovals: 0 }));
    for (const tab of [tab1, tab2]) {
      await card(tab).waitFor({ state: 'detached' });
      await tab.waitForFunction(() => !document.title.includes('Approval needed'));
    }
  });

  it('shows the daemon banner only while the background service is not running', async () => {
    publish({ type: 'daemon.changed', daemon: daemon('not_running') });
    const banner = tab1.locator('.daemon-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('codex app-server daemon start');
    await banner.getByRole('button', { name: 'Start it' }).waitFor();
    await shot(tab1, 'live-daemon-banner');
    publish({ type: 'daemon.changed', daemon: daemon('connected') });
    await banner.waitFor({ state: 'detached' });
  });

  it('an idle thread offers Send, and a closed terminal says so', async () => {
    publish({ type: 'live.turn', sessionId, turn: { id: TURN, status: 'completed', items: [], error: null } });
    await setLive(live({ status: 'idle', turnId: null }));
    await tab1.locator('.status-badge[data-live-status="idle"]', { hasText: 'Waiting for you' }).waitFor();
    await tab1.getByRole('button', { name: /^Send/ }).waitFor();
    expect(await tab1.getByRole('button', { name: /Steer now/ }).count()).toBe(0);
    expect(await tab1.getByRole('button', { name: 'Interrupt' }).count()).toBe(0);
    await setLive(live({ status: 'closed', turnId: null }));
    await tab1.locator('.status-badge[data-live-status="closed"]', { hasText: 'Terminal closed' }).waitFor();
    expect(await tab1.getByRole('combobox', { name: 'Prompt' }).getAttribute('placeholder')).toMatch(/terminal was closed/);
    const unexpected = rig.pageErrors.filter((e) => !/\/api\/(approvals|live|sessions\/[^/]+\/(live|approvals))/.test(e) && !/404/.test(e));
    expect(unexpected).toEqual([]);
  });
});
