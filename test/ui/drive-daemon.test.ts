// Drive mode inside the real Codex daemon, in real Chromium (issue #13 points 2, 4, 5, 7): the New session dialog's
// "Ask when needed" brings Codex's approval to the page as a card like a terminal's, and accepting it runs the command;
// the session offers "Open in a terminal: codex resume <id>" with a copy button; a running driven turn is steered
// with "Steer now"; the answer streams into the transcript; the turn says it ran in the background service.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWEST_CODEX } from '../fixtures/codex-env.js';
import type { ModelRequest } from '../fixtures/fake-model.js';
import { untilDaemonConnected } from '../helpers/live-session.js';
import { type BrowserRig, type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { until } from '../helpers/until.js';

const FILE = 'asked-from-the-dialog.txt';

function script(req: ModelRequest) {
  const text = req.lastUserText() ?? '';
  const fresh = req.input.at(-1)?.type === 'message';
  const write = /WRITE (\S+)/.exec(text)?.[1];
  if (write && fresh) {
    const args = { cmd: `echo yes > ${write}`, sandbox_permissions: 'require_escalated', justification: 'the test asks for it' };
    return { steps: [{ type: 'function_call' as const, name: 'exec_command', arguments: args }] };
  }
  const sleep = /SLEEP (\S+)/.exec(text)?.[1];
  if (sleep && fresh) {
    return {
      steps: [{ type: 'function_call' as const, name: 'exec_command', arguments: { cmd: `sleep ${sleep}`, yield_time_ms: 60_000 } }],
    };
  }
  const steered = JSON.stringify(req.input).includes('STEERED-FROM-PAGE');
  return { steps: [{ type: 'message' as const, text: steered ? 'took the steer' : `reply: ${text.split('\n')[0]}` }] };
}

describe.skipIf(process.platform === 'win32')(`a driven session inside the daemon, in the browser, codex ${NEWEST_CODEX}`, () => {
  let rig: Rig & ModelRig & BrowserRig;

  beforeAll(async () => {
    rig = await startRig({ codexVersion: NEWEST_CODEX, daemon: true, fakeModel: script, browser: true, pageTimeoutMs: 20_000 });
    await untilDaemonConnected(rig);
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('asks in the page, hands off to a terminal, steers, and streams the answer', async () => {
    const { page } = rig;
    await page.goto(rig.server.loginUrl());
    await page.getByRole('button', { name: 'New session' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New Codex session' });
    await dialog.getByRole('textbox', { name: 'Prompt' }).fill(`WRITE ${FILE}`);
    await dialog.getByRole('combobox', { name: 'Working folder' }).fill(rig.workDir);
    await dialog.getByRole('radio', { name: /Read-only/ }).check();
    await dialog.getByRole('radio', { name: /Ask when needed/ }).check();
    await dialog.getByRole('button', { name: 'Start Codex' }).click();
    await dialog.waitFor({ state: 'detached' });

    const sessionId = await until('the session', () => rig.server.ctx.store.sessions.list().find((s) => s.kind === 'driven')?.id, 30_000);
    const approval = await rig.until('the approval', () => rig.server.ctx.live.approvalsFor(sessionId)[0], 60_000);
    const card = page.locator(`article.approval-card[data-approval-id="${approval.id}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain(`echo yes > ${FILE}`);
    const accept = approval.choices.find((c) => c.tone === 'accept');
    if (!accept) throw new Error('the approval offers no accepting answer');
    await card.getByRole('button', { name: accept.label, exact: true }).click();
    await until('the approved command to run', () => existsSync(join(rig.workDir, FILE)), 30_000);
    await card.waitFor({ state: 'detached' });
    await rig.until('the first turn to end', () => !rig.server.ctx.drive.isRunning(sessionId), 60_000);

    // Hand-off: the command that opens this thread in a terminal, with its copy button.
    const threadId = rig.server.ctx.delivery.summary(sessionId).threadId;
    const handOff = page.locator('.open-in-terminal');
    await handOff.getByText(`codex resume ${threadId}`).waitFor();
    await handOff.getByRole('button', { name: 'Copy the command' }).waitFor();
    // The turn says where it ran: in the strip's tooltip, and in words once the strip is unfolded.
    const status = page.locator('.drive-turn-status').first();
    expect(await status.getAttribute('title')).toContain('background service');
    const toggle = page.locator('.drive-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.locator('.drive-engine', { hasText: "Ran inside Codex's background service" }).waitFor();
    await page.locator('.drive-settings', { hasText: 'read-only · asks when needed' }).waitFor();
    await toggle.click();

    // A running driven turn offers "Steer now"; the steer reaches Codex inside that turn.
    const composer = page.getByRole('form', { name: 'Prompt composer' }).getByRole('combobox', { name: 'Prompt' });
    await composer.fill('SLEEP 2.3107');
    await composer.press('Control+Enter');
    await rig.until('the second turn to run', () => rig.server.ctx.drive.repo.turns(sessionId).length === 2, 30_000);
    await page.getByRole('button', { name: /Steer now/ }).waitFor();
    await composer.fill('STEERED-FROM-PAGE');
    await page.getByRole('button', { name: /Steer now/ }).click();
    await page.getByText('took the steer').first().waitFor({ timeout: 60_000 });
    expect(rig.pushes.some((p) => p.type === 'live.delta' && p.sessionId === sessionId && p.text.includes('took the steer'))).toBe(true);
    await rig.until('the second turn to end', () => !rig.server.ctx.drive.isRunning(sessionId), 60_000);
    expect(rig.server.ctx.drive.repo.turns(sessionId).map((t) => [t.engine, t.status])).toEqual([
      ['daemon', 'completed'],
      ['daemon', 'completed'],
    ]);
    expect(rig.pageErrors.filter((e) => !/404/.test(e))).toEqual([]);
  }, 180_000);
});
