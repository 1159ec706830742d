// In real Chromium against a real server and the real Codex daemon: a thread that another client of the daemon (playing
// the terminal) starts asks to run a command outside its read-only sandbox. The approval card appears in two tabs open
// on that session and the sidebar row says "Needs approval"; a click on the accepting button in one tab answers it, the
// command runs, and the card leaves both tabs. Waits are on selectors, events and conditions, never sleeps.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServerClient } from '../../src/codex/app-server/client.js';
import { textInput } from '../../src/codex/app-server/input.js';
import type { SessionSummary } from '../../src/shared/schemas.js';
import { writeOrReply } from '../fixtures/approval-script.js';
import { idleLiveSession } from '../helpers/live-session.js';
import { type BrowserRig, type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { until } from '../helpers/until.js';

const FILE = 'approved-in-browser.txt';

describe.skipIf(process.platform === 'win32')('an approval from the real daemon, answered in the browser', () => {
  let rig: Rig & ModelRig & BrowserRig;
  let terminal: AppServerClient;
  let session: SessionSummary;
  let threadId: string;
  let tab1: Page;
  let tab2: Page;

  beforeAll(async () => {
    rig = await startRig({ fakeModel: writeOrReply, daemon: true, browser: true });
    await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
    terminal = new AppServerClient({ codexHome: rig.codexHome, log: () => {} }).start();
    await terminal.whenConnected(20_000);
    const { thread } = await terminal.startThread({ cwd: rig.workDir, approvalPolicy: 'on-request', sandbox: 'read-only' });
    threadId = thread.id;
    // A first turn writes the rollout, so the server can subscribe to the thread before it asks anything. A new thread
    // is idle before that turn too, so the wait below starts once the terminal has seen the turn complete.
    const firstTurnDone = new Promise<void>((resolve) => {
      const off = terminal.on('notification', (n) => {
        if (n.method === 'turn/completed' && n.params.threadId === threadId) resolve(off());
      });
    });
    await terminal.startTurn(threadId, [textInput('hello from the terminal')]);
    await firstTurnDone;
    // Polled: not every step of binding the thread to its session is announced by a push or a change.
    session = await until('the thread as an idle live session on our server', () => idleLiveSession(rig, threadId), 60_000);
  }, 120_000);

  afterAll(async () => {
    terminal?.close();
    await rig?.close();
  }, 60_000);

  it('shows the card in two tabs and the chip in the sidebar, runs the command on a click, and clears both tabs', async () => {
    tab1 = rig.page;
    await tab1.goto(rig.server.loginUrl());
    await tab1.locator('.connection.live').waitFor();
    const row = tab1.locator(`[data-session-id="${session.id}"]`);
    await row.click();
    await tab1.getByRole('log', { name: 'Live transcript' }).waitFor();
    tab2 = await rig.browser.context.newPage();
    await tab2.goto(`${rig.uiUrl}/#/s/${session.id}`);
    await tab2.getByRole('log', { name: 'Live transcript' }).waitFor();

    await terminal.startTurn(threadId, [textInput(`WRITE ${FILE}`)]);
    const approval = await rig.until(
      'the open approval on our server',
      () => rig.server.ctx.live.approvalsFor(session.id).find((a) => a.command?.includes(FILE)),
      60_000,
    );
    const card = (page: Page) => page.locator(`article.approval-card[data-approval-id="${approval.id}"]`);
    for (const tab of [tab1, tab2]) {
      await card(tab).waitFor();
      expect(await card(tab).textContent()).toContain(`echo yes > ${FILE}`);
    }
    const chip = row.locator('.live-chip[data-live-status="needs_approval"]');
    await chip.waitFor();
    expect(await chip.textContent()).toMatch(/^Needs approval/);
    expect(await chip.locator('.live-badge').textContent()).toBe('1');
    expect(existsSync(join(rig.workDir, FILE))).toBe(false);

    const accept = approval.choices.find((c) => c.tone === 'accept');
    if (!accept) throw new Error('the approval offers no accepting answer');
    const button = card(tab1).getByRole('button', { name: accept.label, exact: true });
    expect(await button.getAttribute('class')).toContain('primary');
    const posted = tab1.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/approvals/${approval.id}`,
    );
    await button.click();
    expect((await posted).status()).toBe(200);

    await until('the approved command to have written its file', () => existsSync(join(rig.workDir, FILE)), 30_000);
    expect(readFileSync(join(rig.workDir, FILE), 'utf8').trim()).toBe('yes');
    for (const tab of [tab2, tab1]) await card(tab).waitFor({ state: 'detached' });
    await row.locator('.live-chip[data-live-status="needs_approval"]').waitFor({ state: 'detached' });
    await rig.until('the turn to finish', () => rig.server.ctx.delivery.summary(session.id).live?.status === 'idle', 60_000);
    expect(rig.server.ctx.live.approvalsFor(session.id)).toEqual([]);
    const unexpected = rig.pageErrors.filter((e) => !/404/.test(e));
    expect(unexpected).toEqual([]);
  }, 120_000);
});
