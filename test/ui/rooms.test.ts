// Rooms in real Chromium with the real Codex daemon (issue #16 item 10): create a room in the New room dialog, mention
// one member with the @ completion, watch its answer stream in under its name (and only that member asked), answer
// another member's approval inside the room, then stop the room while both members work; the room fits a phone.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWEST_CODEX } from '../fixtures/codex-env.js';
import type { ModelRequest } from '../fixtures/fake-model.js';
import { untilDaemonConnected } from '../helpers/live-session.js';
import { type BrowserRig, type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { gate, until } from '../helpers/until.js';

const running = (marker: string) =>
  execFileSync('ps', ['-A', '-o', 'args='], { encoding: 'utf8' })
    .split('\n')
    .some((l) => l.includes(`sleep ${marker}`) && !l.includes('ps -A'));

const memberOf = (text: string) => /You are @(\w+);/.exec(text)?.[1];
const SLEEPS: Record<string, string> = { alpha: '54.2201', beta: '54.2202' };
const finish = gate();

async function script(req: ModelRequest) {
  const text = req.lastUserText() ?? '';
  const me = memberOf(text);
  const mine = text.split('For you:\n\n')[1] ?? '';
  const fresh = req.input.at(-1)?.type === 'message';
  const write = /WRITE (\S+)/.exec(mine)?.[1];
  if (write && fresh) {
    const args = { cmd: `echo yes > ${write}`, sandbox_permissions: 'require_escalated', justification: 'the test asks for it' };
    return { steps: [{ type: 'function_call' as const, name: 'exec_command', arguments: args }] };
  }
  if (me && /LONG WORK/.test(mine) && fresh) {
    return {
      steps: [{ type: 'function_call' as const, name: 'exec_command', arguments: { cmd: `sleep ${SLEEPS[me]}`, yield_time_ms: 60_000 } }],
    };
  }
  if (me === 'alpha' && /STREAM/.test(mine)) {
    if (fresh) {
      return {
        steps: [
          { type: 'message' as const, text: 'STREAMED-PART: looking into it' },
          { type: 'function_call' as const, name: 'exec_command', arguments: { cmd: 'true' } },
        ],
      };
    }
    // Held until the test has seen the first part stream into the page.
    await finish.wait;
    return { steps: [{ type: 'message' as const, text: 'ALPHA-FINAL answer' }] };
  }
  return { steps: [{ type: 'message' as const, text: `${me ?? 'someone'} says ok` }] };
}

describe.skipIf(process.platform === 'win32')(`a room in the browser, codex ${NEWEST_CODEX}`, () => {
  let rig: Rig & ModelRig & BrowserRig;

  beforeAll(async () => {
    rig = await startRig({ codexVersion: NEWEST_CODEX, daemon: true, fakeModel: script, browser: true, pageTimeoutMs: 20_000 });
    await untilDaemonConnected(rig);
  }, 120_000);
  afterAll(async () => {
    finish.open();
    await rig?.close();
  }, 60_000);

  it("creates a room, mentions one member, streams its answer, answers a member's approval, and stops the room", async () => {
    const { page } = rig;
    await page.goto(rig.server.loginUrl());
    await page.getByRole('button', { name: 'Rooms', exact: true }).click();
    await page.getByRole('button', { name: 'New room' }).click();
    const dialog = page.getByRole('dialog', { name: 'New room' });
    await dialog.getByRole('textbox', { name: 'Room name (optional)' }).fill('Parser work');
    for (const legend of ['Member 1', 'Member 2']) {
      await dialog.getByRole('group', { name: legend }).getByRole('combobox', { name: 'Working folder' }).fill(rig.workDir);
    }
    await dialog.getByRole('group', { name: 'Member 2' }).getByRole('combobox', { name: 'Approvals' }).selectOption('on-request');
    await dialog.getByRole('button', { name: 'Create room' }).click();
    await dialog.waitFor({ state: 'detached' });
    const view = page.getByRole('region', { name: 'Room Parser work' });
    await view.waitFor();
    const room = rig.server.ctx.rooms.list()[0]!;
    expect(room.members.map((m) => m.name)).toEqual(['alpha', 'beta']);

    // @ offers the members; Enter takes the highlighted one.
    const box = view.getByRole('combobox', { name: 'Message' });
    await box.fill('@al');
    await view.getByRole('option', { name: /@alpha/ }).waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe('@alpha ');
    await box.pressSequentially('please STREAM it');
    await box.press('Control+Enter');

    // The answer streams in under alpha's name while its turn still runs, then lands as its message.
    const writing = view.locator('article.room-message.streaming[data-author="alpha"]');
    await writing.getByText('STREAMED-PART').waitFor({ timeout: 60_000 });
    expect(rig.server.ctx.drive.isRunning(room.members[0]!.sessionId)).toBe(true);
    finish.open();
    await view
      .locator('article.room-message.agent[data-author="alpha"]:not(.streaming)')
      .getByText('ALPHA-FINAL answer')
      .waitFor({ timeout: 60_000 });
    await writing.waitFor({ state: 'detached' });
    const asked = (name: string) => rig.model.requests.filter((r) => memberOf(r.lastUserText() ?? '') === name).length;
    expect(asked('beta')).toBe(0);
    await view.getByRole('status').getByText('Waiting for you').waitFor();

    // beta asks before it writes: its approval shows in the room under its name, and accepting runs the command.
    await box.fill('@beta WRITE from-the-room.txt');
    await box.press('Control+Enter');
    const beta = room.members[1]!.sessionId;
    const approval = await rig.until("beta's approval", () => rig.server.ctx.live.approvalsFor(beta)[0], 60_000);
    const card = view.locator(`.room-approvals[data-member="beta"] article.approval-card[data-approval-id="${approval.id}"]`);
    const accept = approval.choices.find((c) => c.tone === 'accept');
    if (!accept) throw new Error('the approval offers no accepting answer');
    await card.getByRole('button', { name: accept.label, exact: true }).click();
    await until('the approved command to run', () => existsSync(join(rig.workDir, 'from-the-room.txt')), 30_000);
    await card.waitFor({ state: 'detached' });
    await rig.until('beta to finish', () => !rig.server.ctx.drive.isRunning(beta), 60_000);

    // Both members work; Stop room ends both turns.
    await box.fill('LONG WORK for everyone');
    await box.press('Control+Enter');
    await until('both sleeps to run', () => running(SLEEPS.alpha!) && running(SLEEPS.beta!), 60_000);
    await view.getByRole('button', { name: 'Stop room' }).click();
    await view.getByRole('status').getByText('Stopped').waitFor();
    await rig.until('both turns to end', () => room.members.every((m) => !rig.server.ctx.drive.isRunning(m.sessionId)), 30_000);
    await until('both sleeps to be gone', () => !running(SLEEPS.alpha!) && !running(SLEEPS.beta!), 15_000);
    await view.getByText(/The person stopped the room/).waitFor();

    // At phone size the room still fits: header controls, members and composer are on screen, nothing wider than it.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const control of [view.getByRole('button', { name: 'Stop room' }), view.getByRole('button', { name: 'Stop @beta' }), box]) {
      const at = await control.boundingBox();
      expect(at && at.x >= 0 && at.x + at.width <= 390 && at.y + at.height <= 844).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Delete asks first, then the room is gone from the list; its members' sessions stay.
    await view.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog', { name: 'Delete this room?' }).getByRole('button', { name: 'Delete room' }).click();
    await page.getByText('No rooms yet.').waitFor();
    expect(rig.server.ctx.rooms.list()).toEqual([]);
    expect(rig.server.ctx.store.sessions.summary(room.members[0]!.sessionId)).not.toBeNull();
    expect(rig.pageErrors.filter((e) => !/404/.test(e))).toEqual([]);
  }, 180_000);
});
