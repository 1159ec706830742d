// In real Chromium: the real codex runs the Codex Pro Max loop (fake model); the header and the sidebar say whether it
// is connected, waiting or gone; after Stop + send the page says the prompt is queued for a Codex that is not connected, with the
// command that brings it back; "Continue here" runs that prompt as a drive-mode turn on the same thread.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastCall, mcpResult, runBin } from '../e2e/loop-support.js';
import { execArgs, NEWEST_CODEX, spawnCodex, stopCodexProcesses } from '../fixtures/codex-env.js';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { firstRequestOfTurn } from '../helpers/readers.js';
import { type BrowserRig, type ModelRig, type Rig, startRig } from '../helpers/rig.js';

const NS = 'mcp__codex_pro_max';
const LATER = 'Add a test for the parser, please.';
const call = (name: string, args: unknown): ModelReply => ({ steps: [{ type: 'function_call', namespace: NS, name, arguments: args }] });

/** The loop in a terminal (start, conclude, wait; a final answer on stop), then a plain answer for the driven turn. */
function respond(req: ModelRequest): ModelReply {
  if (req.lastUserText() === LATER && firstRequestOfTurn(req)) return { steps: [{ type: 'message', text: `Continued here: ${LATER}` }] };
  const last = lastCall(req);
  if (!last) return call('start_session', { title: 'Parser work' });
  if (last.name === 'start_session') return call('submit_conclusion', { conclusion: 'The parser is fixed.' });
  const result = mcpResult(req.lastToolOutput());
  if (result?.status === 'stopped') return { steps: [{ type: 'message', text: 'Stopped; final answer.' }] };
  return call('wait_for_instruction', {});
}

let rig: Rig & ModelRig & BrowserRig;
let page: Page;

beforeAll(async () => {
  rig = await startRig({ fakeModel: respond, browser: true, codexVersion: NEWEST_CODEX, pageTimeoutMs: 15_000 });
  page = rig.page;
  const setup = await runBin(['setup'], { CODEX_HOME: rig.codexHome, CODEX_PRO_MAX_ROOT: rig.dataRoot });
  if (setup.code !== 0) throw new Error(`setup failed (${setup.code}): ${setup.stderr}${setup.stdout}`);
}, 120_000);

afterAll(async () => {
  stopCodexProcesses();
  await rig?.idle();
  await rig?.close();
});

const header = () => page.locator('.session-header');
const row = () => page.locator('.session-item').first();

describe('presence in the browser', () => {
  it('shows waiting, then gone after Stop; a prompt sent then is queued for a Codex not connected; Continue here delivers it', async () => {
    const codex = spawnCodex(execArgs('Fix the parser with Codex Pro Max.'), {
      codexHome: rig.codexHome,
      cwd: rig.workDir,
      version: NEWEST_CODEX,
      timeoutMs: 120_000,
    });
    const session = await rig.until('the session with Codex waiting', () => {
      const s = rig.server.ctx.store.sessions.list()[0];
      return s?.presence === 'waiting' ? s : undefined;
    });

    await page.goto(rig.server.loginUrl());
    await page.getByRole('button', { name: /Parser work/ }).click();
    await header().locator('.presence-badge[data-presence="waiting"]', { hasText: 'Codex waiting' }).waitFor();
    await row().locator('.presence-badge', { hasText: 'Codex waiting' }).waitFor();

    // Stop: the waiting Codex is told, answers, and exits; the page says it has gone, in the header and the sidebar.
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('button', { name: 'Stop session' }).click();
    expect((await codex.done).code).toBe(0);
    await header().locator('.presence-badge[data-presence="gone"]', { hasText: 'Codex not connected' }).waitFor();
    await row().locator('.presence-badge', { hasText: 'Codex not connected' }).waitFor();

    // Sending does not promise a resume: it queues the prompt for when Codex comes back, and nothing runs meanwhile.
    await page.locator('.send-button', { hasText: 'Queue' }).waitFor();
    expect(await page.locator('.send-button').textContent()).not.toContain('resume');
    await page.getByRole('combobox', { name: 'Prompt' }).fill(LATER);
    await page.getByRole('combobox', { name: 'Prompt' }).press('Control+Enter');
    const notice = page.getByRole('region', { name: 'Codex is not connected' });
    await notice.getByText('Queued — Codex is not connected; it gets this prompt when it comes back.').waitFor();
    expect(await header().locator('.status-badge').getAttribute('data-status')).toBe('STOPPED');
    expect(await header().textContent()).not.toContain('Running');
    expect(await page.getByText('Codex is working').count()).toBe(0);
    expect(await notice.locator('code').first().textContent()).toBe(
      `codex resume ${session.threadId} "Continue the Codex Pro Max loop: call wait_for_instruction for my next prompt."`,
    );
    await notice.getByRole('button', { name: 'Copy the command' }).waitFor();
    await row().locator('.presence-badge', { hasText: 'Codex not connected' }).waitFor();

    // Continue here: a drive-mode turn on the same thread runs the queued prompt, and its answer lands in the conversation.
    await notice.getByRole('button', { name: 'Continue here' }).click();
    await page.locator('.timeline').getByText(`Continued here: ${LATER}`).waitFor({ timeout: 60_000 });
    const driven = rig.model.requests.find((r) => r.lastUserText() === LATER);
    expect(driven?.headers['thread-id']).toBe(session.threadId);
    expect(rig.server.ctx.delivery.summary(session.id)).toMatchObject({ kind: 'driven', threadId: session.threadId, queuedCount: 0 });
    await notice.waitFor({ state: 'detached' });
    // The live-thread endpoints are not part of what this test serves yet; any other error fails it.
    expect(rig.pageErrors.filter((e) => !/^404 GET \S+\/api\/live\//.test(e))).toEqual([]);
  }, 180_000);

  it('says Codex connected while its Codex works between calls, in the sidebar and the header', async () => {
    const by = '/api/codex/sessions/by-thread/0198a5f2-5555-7666-8777-988889999aaa';
    await rig.call('POST', by, { title: 'Connected work' });
    await rig.call('POST', `${by}/conclusion`, { content: 'Half way there.' });
    const item = page.locator('.session-item', { hasText: 'Connected work' });
    await item.locator('.presence-badge[data-presence="connected"]', { hasText: 'Codex connected' }).waitFor();
    await item.click();
    await page.getByRole('heading', { name: 'Connected work' }).waitFor();
    await header().locator('.presence-badge[data-presence="connected"]', { hasText: 'Codex connected' }).waitFor();
    // Codex is there to take a prompt: no notice, and sending is plain Send.
    expect(await page.getByRole('region', { name: 'Codex is not connected' }).count()).toBe(0);
    expect((await page.locator('.send-button').textContent())?.trim()).toBe('Send');
  });

  it('a stopped session not heard from since a restart offers no resume: the prompt is queued, with the way back', async () => {
    const thread = '0198a5f2-7777-7888-8999-aaaabbbbcccc';
    const by = `/api/codex/sessions/by-thread/${thread}`;
    const [, created] = await rig.call('POST', by, { title: 'Stopped before a restart' });
    await rig.call('POST', `${by}/conclusion`, { content: 'Stopped here.' });
    const [stopped] = await rig.call('POST', `/api/sessions/${created.session.id}/stop`);
    expect(stopped).toBeLessThan(300);
    // Presence is memory only: after a restart nobody has been heard from, which is what this leaves.
    rig.server.ctx.store.sessions.setPresence(created.session.id, 'unknown');
    await page.reload();
    await page.locator('.session-item', { hasText: 'Stopped before a restart' }).click();
    await page.getByRole('heading', { name: 'Stopped before a restart' }).waitFor();
    const notice = page.getByRole('region', { name: 'Codex is not connected' });
    await notice.getByText('Codex is not connected. Prompts you send wait here until it comes back.').waitFor();
    expect((await page.locator('.send-button').textContent())?.trim()).toBe('Queue');
    expect(await page.getByText('Sending a prompt resumes it', { exact: false }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Prompt' }).fill('Pick this up again.');
    await page.getByRole('combobox', { name: 'Prompt' }).press('Control+Enter');
    await notice.getByText('Queued — Codex is not connected; it gets this prompt when it comes back.').waitFor();
    expect(await header().locator('.status-badge').getAttribute('data-status')).toBe('STOPPED');
  });
});
