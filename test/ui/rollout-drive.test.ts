// End to end in real Chromium: the rollout panels (usage strip, activity feed, Markdown export) and drive mode (new
// session, live events, follow-up turn, interrupt) against a real server that runs the real codex binary on a fake
// model. Rollout lines are appended to a file under the server's CODEX_HOME the way Codex writes them. Drive mode runs
// once per engine (`codex exec` per turn, and inside the Codex daemon on every supported Codex).
// Waits are on selectors and conditions with deadlines, never fixed sleeps.
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { DRIVE_ENGINE_CASES, engineRig } from '../helpers/drive-engines.js';
import { firstRequestOfTurn, labels } from '../helpers/readers.js';
import { type BrowserRig, type ModelRig, type Rig, startRig } from '../helpers/rig.js';

const THREAD = '01a1ffb0-c0de-7a11-8e55-5a1e5a1e5a1e';
const FIXTURE = join(import.meta.dirname, '../fixtures/rollouts/v0169-commands.jsonl');
const SHOTS = process.env.CPM_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'cpm-ui-shots-'));
const NEW_TURN = '01a1ffb0-c0de-7b22-8e55-000000000003';

let rig: Rig & ModelRig & BrowserRig;
let page: Page;
let rollout: string;
let eventStreams: string[] = [];

// ---- the fake model: RUN → a command, then (once the test lets it) a conclusion; SLEEP → `sleep 30`; else a conclusion.
// One per rig: `release` lets the first driven turn finish.
function heldModel() {
  let release = () => {};
  const firstTurnHeld = new Promise<void>((resolve) => {
    release = resolve;
  });
  async function respond(req: ModelRequest): Promise<ModelReply> {
    const text = req.lastUserText() ?? '';
    const first = firstRequestOfTurn(req);
    if (/^RUN/.test(text) && first) {
      return {
        steps: [
          { type: 'reasoning', summary: 'Run the check first.' },
          { type: 'function_call', name: 'exec_command', arguments: { cmd: 'echo ui-drive-ok', yield_time_ms: 5000 } },
        ],
        usage: { input: 1000, cached: 400, output: 50 },
      };
    }
    if (/^RUN/.test(text)) {
      await firstTurnHeld; // keeps the turn running so the page can be checked mid-turn
      return { steps: [{ type: 'message', text: 'First turn done: the check printed ui-drive-ok.' }], usage: { input: 1200, output: 30 } };
    }
    if (/^SLEEP/.test(text) && first) {
      return { steps: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'sleep 30', yield_time_ms: 30000 } }] };
    }
    return { steps: [{ type: 'message', text: `Follow-up done: ${text}` }], usage: { input: 1500, output: 20 } };
  }
  return { respond, release: () => release() };
}

// ---- rollout lines as codex-cli 0.169 writes them
let clock = Date.parse('2026-11-21T20:00:00.000Z');
const tick = () => {
  clock += 50;
  return new Date(clock).toISOString();
};
const line = (type: string, payload: Record<string, unknown>) => `${JSON.stringify({ timestamp: tick(), type, payload })}\n`;
const item = (body: Record<string, unknown>) => line('event_msg', { type: 'item_completed', turn_id: NEW_TURN, item: body });
const nowSec = () => Math.floor(Date.now() / 1000);
function tokenCount(total: number, last: number, fiveHour: number, weekly: number): string {
  const counts = (n: number) => ({
    input_tokens: n - 500,
    cached_input_tokens: Math.floor(n / 2),
    output_tokens: 500,
    reasoning_output_tokens: 100,
    total_tokens: n,
  });
  return line('event_msg', {
    type: 'token_count',
    info: { total_token_usage: counts(total), last_token_usage: counts(last), model_context_window: 190_000 },
    rate_limits: {
      limit_id: 'codex',
      primary: { used_percent: fiveHour, window_minutes: 300, resets_at: nowSec() + 3600 },
      secondary: { used_percent: weekly, window_minutes: 10080, resets_at: nowSec() + 5 * 86400 },
      plan_type: 'pro',
    },
  });
}
const append = (text: string) => appendFileSync(rollout, text);

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const composer = () => page.getByRole('combobox', { name: 'Prompt' });
const strip = () => page.getByRole('region', { name: 'Token usage' });
const feed = () => page.getByRole('region', { name: 'Codex activity' });
const drivePanel = () => page.getByRole('region', { name: 'Codex turns run from here' });
const turn = (n: number) =>
  drivePanel()
    .locator('details.drive-turn')
    .nth(n - 1);

async function send(text: string) {
  await composer().fill(text);
  await composer().press('Control+Enter');
  await page.waitForFunction(() => (document.querySelector('textarea[aria-label="Prompt"]') as HTMLTextAreaElement | null)?.value === '');
}

/** Opens a closed <details> (a finished turn collapses itself) so its rows can be read. */
async function expand(details: ReturnType<typeof turn>) {
  if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').first().click();
  await expect.poll(() => details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
}

/** A rig whose CODEX_HOME holds a rollout Codex already wrote: the two-turn fixture plus a token_count with rate limits. */
async function openRig(options: Parameters<typeof startRig>[0]) {
  rig = (await startRig({ browser: true, pageTimeoutMs: 15_000, ...options })) as Rig & ModelRig & BrowserRig;
  page = rig.page;
  const day = join(rig.codexHome, 'sessions', '2026', '11', '21');
  mkdirSync(day, { recursive: true });
  rollout = join(day, `rollout-2026-11-21T19-58-53-${THREAD}.jsonl`);
  copyFileSync(FIXTURE, rollout);
  append(tokenCount(60_000, 38_000, 12, 40));
  eventStreams = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/events') eventStreams.push(r.url());
  });
  console.log(`UI screenshots: ${SHOTS}`);
}

describe('rollout panels in a browser', () => {
  const model = heldModel();
  beforeAll(() => openRig({ fakeModel: model.respond }), 120_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('usage strip shows context, 5-hour and weekly windows, and follows token_count lines live', async () => {
    await page.goto(rig.server.loginUrl());
    await page.getByText('Connected').waitFor();
    const [status] = await rig.call('POST', `/api/codex/sessions/by-thread/${THREAD}`, { title: 'Rollout UI' });
    expect(status).toBe(201);
    await page.getByRole('button', { name: /Rollout UI/ }).click();
    await page.getByRole('heading', { name: 'Rollout UI' }).waitFor();
    await page.locator('.status-badge[data-status="RUNNING"]').waitFor();

    await strip().getByText('Context 38k / 190k 20%').waitFor();
    await strip().getByText('5 h 12%').waitFor();
    await strip().getByText('Week 40%').waitFor();
    expect(
      await strip()
        .locator('meter')
        .evaluate((m) => (m as HTMLMeterElement).value),
    ).toBe(20);
    expect(await strip().textContent()).toContain('Total 60k');

    // Appended by Codex while the page is open: the numbers change without a reload.
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    append(tokenCount(155_000, 95_000, 31, 44));
    await strip().getByText('Context 95k / 190k 50%').waitFor();
    await strip().getByText('5 h 31%').waitFor();
    await strip().getByText('Week 44%').waitFor();
    expect(await strip().textContent()).toContain('Total 155k');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await strip().getByText('resets', { exact: false }).count()).toBe(2);
  });

  it('activity feed shows appended command, file change and reasoning while running; collapses and expands', async () => {
    // Before anything new: the fixture's latest (finished) turn.
    await feed()
      .getByRole('button', { name: /Activity · latest turn \(completed/ })
      .waitFor();

    append(
      line('event_msg', { type: 'task_started', turn_id: NEW_TURN, model_context_window: 190_000 }) +
        item({ type: 'UserMessage', id: 'u3', content: [{ type: 'text', text: 'Fix the parser and export it' }] }) +
        item({ type: 'Reasoning', id: 'rs3', summary_text: ['**Checking** the parser tests before editing.'] }),
    );
    await feed()
      .getByRole('button', { name: /Activity · latest turn \(running, 3 items\)/ })
      .waitFor();
    await feed().getByText('**Checking** the parser tests before editing.').waitFor();

    append(
      item({
        type: 'CommandExecution',
        id: 'call_ui_1',
        command: ['/bin/bash', '-lc', 'npm test -- parser'],
        cwd: 'file:///tmp/project',
        status: 'failed',
        aggregated_output: '1 failing: parses empty input\n',
        exit_code: 1,
        duration: { secs: 1, nanos: 0 },
      }),
    );
    const command = feed().locator('details.activity-row', { hasText: '$ npm test -- parser' });
    await command.getByText('exit 1').waitFor();
    expect(await command.getAttribute('class')).toContain('failed');
    await command.locator('summary').click();
    await command.getByText('1 failing: parses empty input').waitFor();

    append(
      item({
        type: 'FileChange',
        id: 'call_ui_2',
        changes: {
          '/tmp/project/src/parser.ts': {
            type: 'update',
            unified_diff: '@@ -1 +1 @@\n-const empty = null;\n+const empty = [];\n',
            move_path: null,
          },
        },
        status: 'completed',
        stdout: 'Success. Updated the following files:\nM src/parser.ts\n',
        stderr: '',
      }),
    );
    const edit = feed().locator('details.activity-row', { hasText: 'Edited parser.ts (update)' });
    await edit.waitFor();
    await edit.locator('summary').click();
    await edit.getByText('+const empty = [];', { exact: false }).waitFor();
    await feed()
      .getByRole('button', { name: /\(running, 5 items\)/ })
      .waitFor();
    await shot('rollout-01-strip-and-feed');

    const toggle = feed().getByRole('button', { name: /Activity · latest turn/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await feed().locator('.activity-list').waitFor({ state: 'detached' });
    expect(await feed().getByText('$ npm test -- parser').count()).toBe(0);
    await toggle.click();
    await feed().getByText('$ npm test -- parser').waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('Export latest and Export all download the conversation as Markdown', async () => {
    append(
      item({
        type: 'AgentMessage',
        id: 'm3',
        content: [{ type: 'Text', text: 'EXPORT-MARKER-5521: parser fixed, empty input is [] now.' }],
      }),
    );
    await feed().getByText('EXPORT-MARKER-5521', { exact: false }).waitFor();

    const read = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      const path = await download.path();
      return { file: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
    };
    const latest = await read('Export latest');
    expect(latest.file).toMatch(/^Rollout-UI-latest-.+\.md$/);
    expect(latest.text).toContain('# Rollout UI');
    expect(latest.text).toContain('- Export: latest exchange');
    expect(latest.text).toContain('Fix the parser and export it');
    expect(latest.text).toContain('EXPORT-MARKER-5521: parser fixed, empty input is [] now.');
    expect(latest.text).toContain('/tmp/project/src/parser.ts');
    expect(latest.text).not.toContain('run two commands'); // an earlier turn
    const all = await read('Export all');
    expect(all.file).toMatch(/^Rollout-UI-conversation-.+\.md$/);
    expect(all.text).toContain('- Export: whole conversation');
    expect(all.text).toContain('run two commands');
    expect(all.text).toContain('EXPORT-MARKER-5521');
  });

  it('raised no script errors or CSP violations', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});

describe.each(DRIVE_ENGINE_CASES)('drive mode in a browser, $name', (engine) => {
  const model = heldModel();
  /** Codex's answer where the conversation shows it: a conclusion entry, or (in the daemon) the live thread's message. */
  const answer = (text: string) => page.getByText(text).filter({ visible: true }).first();
  beforeAll(async () => {
    await openRig({ ...engineRig(engine), fakeModel: model.respond });
    if (engine.engine === 'daemon') {
      await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
    }
    await page.goto(rig.server.loginUrl());
    await page.getByText('Connected').waitFor();
    const [status] = await rig.call('POST', `/api/codex/sessions/by-thread/${THREAD}`, { title: 'Rollout UI' });
    expect(status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    model.release();
    await rig?.idle();
    await rig?.close();
  }, 60_000);

  it('drive mode: new session from the dialog, live events, a follow-up turn in the same thread, and Interrupt', async () => {
    await page.getByRole('button', { name: 'New session' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Codex session' });
    await dialog.getByRole('textbox', { name: 'Prompt' }).fill('RUN the check, then report');
    await dialog.getByRole('combobox', { name: 'Working folder' }).fill(rig.workDir);
    await dialog.getByRole('radio', { name: /Read-only/ }).check();
    await dialog.getByRole('button', { name: 'Start Codex' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Listed in the sidebar and opened; the command shows with its exit code while the turn still runs.
    await page.locator('.session-item', { hasText: 'RUN the check, then report' }).waitFor();
    await page.getByRole('heading', { name: 'RUN the check, then report' }).waitFor();
    // The strip starts folded to one line; unfolded, it shows the settings and each turn (and stays so).
    const toggle = drivePanel().locator('.drive-toggle');
    await toggle.waitFor();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await drivePanel().getByText(`${rig.workDir} · default model · read-only`).waitFor();
    const first = turn(1);
    await first.locator('.drive-turn-status', { hasText: 'Running…' }).waitFor({ timeout: 30_000 });
    await first.locator('.drive-reasoning', { hasText: 'Run the check first.' }).waitFor({ timeout: 30_000 });
    const cmd = first.locator('li.drive-row.command_execution', { hasText: 'echo ui-drive-ok' });
    await cmd.getByText('exit 0').waitFor({ timeout: 30_000 });
    await cmd.locator('pre.drive-output', { hasText: 'ui-drive-ok' }).waitFor();
    // Both panels are up at once: the drive panel and the rollout strip/feed of the same running session.
    await page.locator('.status-badge[data-status="RUNNING"]').waitFor();
    await strip().waitFor({ timeout: 30_000 });
    await shot(`drive-01-running-${engine.engine}-${engine.version}`);
    expect(eventStreams).toHaveLength(1);

    model.release();
    await answer('First turn done: the check printed ui-drive-ok.').waitFor({ timeout: 30_000 });
    await first.locator('.drive-turn-status.completed').waitFor({ timeout: 30_000 });
    await page.locator('.status-badge[data-status="WAITING_FOR_INSTRUCTION"]').waitFor();
    const sessionId = await page.evaluate(() => /^#\/s\/(.+)$/.exec(location.hash)?.[1] ?? '');
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(String(rig.model.requests[0]?.headers['x-codex-turn-metadata'])).sandbox_mode).toBe('read-only');
    expect(rig.model.requests[0]?.lastUserText()).toBe('RUN the check, then report');

    // A follow-up typed into the composer runs as turn 2 in the same Codex thread.
    await send('Summarise what you found');
    const second = turn(2);
    await second.getByText('Turn 2: Summarise what you found').waitFor({ timeout: 30_000 });
    await answer('Follow-up done: Summarise what you found').waitFor({ timeout: 30_000 });
    await second.locator('.drive-turn-status.completed').waitFor({ timeout: 30_000 });
    await expand(second);
    await second.locator('.drive-message', { hasText: 'Follow-up done: Summarise what you found' }).waitFor();
    const [, snap] = await rig.call('GET', `/api/sessions/${encodeURIComponent(sessionId)}/drive`);
    expect(snap.drive.turns.map((t: { status: string }) => t.status)).toEqual(['completed', 'completed']);
    expect(snap.drive.turns[0].threadId).toBeTruthy();
    expect(snap.drive.turns[1].threadId).toBe(snap.drive.turns[0].threadId);
    // Tokens per turn are that turn's own (codex exec reports the thread's running total on a resumed thread).
    expect(snap.drive.turns[1].usage).toEqual({ inputTokens: 1500, cachedInputTokens: 0, outputTokens: 20, reasoningOutputTokens: 0 });
    await second.getByText('Tokens: 1,500 in (0 cached) · 20 out (0 reasoning)').waitFor();
    await drivePanel().getByText('Tokens: 3,700 in (400 cached) · 100 out (0 reasoning)').waitFor();
    // The model saw the first turn's conversation when answering the second: one thread, resumed.
    const followUp = rig.model.requests.find((r) => r.lastUserText() === 'Summarise what you found');
    expect(JSON.stringify(followUp?.input)).toContain('RUN the check, then report');

    // A long turn (`sleep 30`) is stopped from the panel's Interrupt button, before the sleep ends.
    await send('SLEEP for a while');
    const third = turn(3);
    const sleeping = third.locator('li.drive-row.command_execution', { hasText: 'sleep 30' });
    await sleeping.getByText('running…').waitFor({ timeout: 30_000 });
    await shot(`drive-02-long-turn-${engine.engine}-${engine.version}`);
    await drivePanel().getByRole('button', { name: 'Interrupt', exact: true }).click();
    await third.locator('.drive-turn-status.interrupted', { hasText: 'Interrupted' }).waitFor();
    await page.locator('.status-badge[data-status="STOPPED"]').waitFor();
    await drivePanel().getByRole('button', { name: 'Interrupt', exact: true }).waitFor({ state: 'detached' });
    await rig.server.ctx.drive.whenIdle();
    const [, after] = await rig.call('GET', `/api/sessions/${encodeURIComponent(sessionId)}/drive`);
    expect(after.drive.turns.map((t: { status: string }) => t.status)).toEqual(['completed', 'completed', 'interrupted']);
    // The sleep never finished: the interrupt, not the command's end, ended the turn.
    expect(labels(after.drive.turns[2].events)).toContain('started:command_execution');
    expect(labels(after.drive.turns[2].events)).not.toContain('completed:command_execution');
    if (engine.engine === 'exec') {
      expect(after.drive.turns[2].events.at(-1)).toMatchObject({ kind: 'exited', interrupted: true });
    } else {
      expect(after.drive.turns.map((t: { engine: string }) => t.engine)).toEqual(['daemon', 'daemon', 'daemon']);
    }
    await shot(`drive-03-interrupted-${engine.engine}-${engine.version}`);
  }, 120_000);

  it('keeps exactly one /api/events stream for the tab with the drive and rollout panels open', async () => {
    await page.locator('.session-item', { hasText: 'Rollout UI' }).click();
    await strip().getByText('Context 38k / 190k 20%').waitFor();
    await feed().waitFor();
    await page.locator('.session-item', { hasText: 'RUN the check, then report' }).click();
    await drivePanel().waitFor();
    await strip().waitFor();
    expect(eventStreams).toEqual([expect.stringMatching(/\/api\/events$/)]);
  });

  it('raised no script errors or CSP violations', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
