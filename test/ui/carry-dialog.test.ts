// The "Carry context on" dialog in real Chromium (issue 16, item 1–4 in the UI): from a session's header, the groomed
// form shows its fixed prompt, the preview is Codex's answer with its token count against the context window, a prompt
// too large for the window cannot be sent, and Start opens the new session, which links back to its source. No daemon
// here: the grooming turn and the new session run as `codex exec` (the fallback engine).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CARRY_LEAD, GROOMING_PROMPT } from '../../src/shared/context.js';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { type BrowserRig, type ModelRig, type Rig, startRig } from '../helpers/rig.js';

const DOC = '## Goal\nGROOMED-IN-BROWSER the parser\n\n## Last state\nTests pass.';

function script(req: ModelRequest): ModelReply {
  const text = req.lastUserText() ?? '';
  if (text.startsWith(GROOMING_PROMPT)) return { steps: [{ type: 'message', text: DOC }], usage: { input: 800, output: 30 } };
  return { steps: [{ type: 'message', text: `reply: ${text.split('\n')[0]}` }], usage: { input: 100, output: 20 } };
}

let rig: Rig & ModelRig & BrowserRig;

beforeAll(async () => {
  rig = await startRig({ fakeModel: script, browser: true, pageTimeoutMs: 30_000 });
  await rig.page.setViewportSize({ width: 1440, height: 900 });
}, 120_000);
afterAll(async () => {
  await rig?.idle();
  await rig?.close();
}, 60_000);

it('carries a session on, groomed, from its header into a new session that links back', async () => {
  const [status, made] = await rig.call('POST', '/api/drive/sessions', {
    cwd: rig.workDir,
    sandbox: 'read-only',
    prompt: 'ALPHA build the parser',
    title: 'Alpha parser',
  });
  expect(status).toBe(201);
  const source = made.session.id as string;
  await rig.until('the first turn', () => rig.server.ctx.delivery.summary(source as never).latestConclusion, 60_000);
  await rig.idle();

  const { page } = rig;
  await page.goto(rig.server.loginUrl());
  await page.evaluate((id) => {
    location.hash = `#/s/${id}`;
  }, source);
  await page.getByRole('button', { name: 'Carry on…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Carry context on' });
  await dialog.getByRole('radio', { name: /Groomed/ }).check();
  // The fixed prompt is shown before Codex is asked.
  expect(await dialog.locator('.carry-grooming pre').textContent()).toBe(GROOMING_PROMPT);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByTestId('carry-preview').getByText('GROOMED-IN-BROWSER').waitFor();
  expect(await dialog.getByTestId('carry-preview').textContent()).toBe(DOC);
  const meter = dialog.getByTestId('token-meter');
  expect(await meter.textContent()).toMatch(/of the model's [\d,]+-token context window \(counted by Codex/);

  // Too large for the window: said before sending, and Start stays off.
  const prompt = dialog.getByRole('textbox', { name: 'What should the new session do?' });
  await prompt.fill('x'.repeat(900_000));
  await meter.getByText('It does not fit').waitFor();
  expect(await dialog.getByRole('button', { name: 'Start new session' }).isDisabled()).toBe(true);

  await prompt.fill('NEXT from the browser');
  await dialog.getByRole('button', { name: 'Start new session' }).click();
  const refused = dialog.getByRole('alert');
  await Promise.race([
    dialog.waitFor({ state: 'detached' }),
    refused.waitFor().then(
      async () => expect.fail((await refused.textContent()) ?? 'refused'),
      () => {},
    ),
  ]);
  const request = await rig.until('the new session to reach the model', () =>
    rig.model.requests.find((r) => r.lastUserText()?.includes('NEXT from the browser')),
  );
  expect(request.lastUserText()?.startsWith(`${CARRY_LEAD}\n\n${DOC}`)).toBe(true);
  // The new session is open and says where it came from; the source says where it went.
  const links = page.getByTestId('carried-links');
  await links.getByText('Carried on (groomed by Codex) from').waitFor();
  await links.getByRole('link', { name: 'Alpha parser' }).click();
  await page.getByTestId('carried-links').getByText('Carried on in').waitFor();
  // History shows it on the source's thread too, beside its own "Carry context on…".
  const thread = rig.server.ctx.delivery.summary(source as never).threadId;
  await page.evaluate((t) => {
    location.hash = `#/history/t/${t}`;
  }, thread);
  await page.getByRole('button', { name: 'Carry context on…' }).waitFor();
  await page.getByTestId('carried-links').getByText('Carried on in').waitFor();
  expect(rig.pageErrors).toEqual([]);
}, 120_000);
