// New sessions run inside the Codex daemon (POST /api/live/sessions), against the real daemon for every supported
// Codex: the first prompt runs with its images; "ask when needed" brings Codex's approval to the browser and the
// command runs once accepted; a read-only sandbox with "never ask" refuses a write; and a terminal that runs
// `codex resume <id>` shows the same thread.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromptId, SessionId } from '../../src/shared/ids.js';
import { CODEX_VERSIONS, type CodexVersion } from '../fixtures/codex-env.js';
import type { ModelRequest } from '../fixtures/fake-model.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { startTui, type Tui } from '../helpers/tui.js';
import { until } from '../helpers/until.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function script(req: ModelRequest) {
  const text = req.lastUserText() ?? '';
  const fresh = req.input.at(-1)?.type === 'message';
  const ask = /WRITE (\S+)/.exec(text)?.[1];
  const plain = /PLAIN (\S+)/.exec(text)?.[1];
  if (fresh && (ask || plain)) {
    const args = ask
      ? { cmd: `echo yes > ${ask}`, sandbox_permissions: 'require_escalated', justification: 'the test asks for it' }
      : { cmd: `echo yes > ${plain}` };
    return { steps: [{ type: 'function_call' as const, name: 'exec_command', arguments: args }] };
  }
  return { steps: [{ type: 'message' as const, text: `reply: ${text.split('\n')[0]}` }] };
}

describe.skipIf(process.platform === 'win32').each(CODEX_VERSIONS)('new sessions inside the daemon, codex %s', (version: CodexVersion) => {
  let rig: Rig & ModelRig;
  let tui: Tui | undefined;

  beforeAll(async () => {
    rig = await startRig({ codexVersion: version, daemon: true, fakeModel: script });
    await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
  }, 120_000);
  afterAll(async () => {
    tui?.kill();
    await rig?.close();
  }, 60_000);

  let lastPrompt: PromptId;
  const start = async (body: Record<string, unknown>) => {
    const [status, answer] = await rig.call('POST', '/api/live/sessions', { cwd: rig.workDir, sandbox: 'read-only', ...body });
    expect(status).toBe(201);
    lastPrompt = answer.prompt.id as PromptId;
    return answer.session.id as SessionId;
  };
  /** The first prompt's turn has run: the prompt is delivered (its turn ended) and the thread is idle again. */
  const idle = (id: SessionId) =>
    rig.until(
      'the turn to end',
      () =>
        rig.server.ctx.store.prompts.get(lastPrompt)?.state === 'delivered' && rig.server.ctx.delivery.summary(id).live?.status === 'idle',
      60_000,
    );

  it('runs the first prompt with its image, and the thread opens in a terminal with `codex resume`', async () => {
    const image = join(rig.workDir, 'shot.png');
    writeFileSync(image, PNG);
    const id = await start({ prompt: 'look at this', images: [image], approvalPolicy: 'never' });
    await idle(id);
    // The test model takes text only, so what shows the image went in is the turn's own record of its input.
    const [, page] = await rig.call('GET', `/api/sessions/${id}/live/history`);
    const prompts = page.history.turns.flatMap((t: { items: { kind: string; text?: string }[] }) =>
      t.items.filter((i) => i.kind === 'user'),
    );
    expect(prompts.map((i: { text: string }) => i.text)).toEqual([`look at this\n[image: ${image}]`]);
    const session = rig.server.ctx.delivery.summary(id);
    expect(session.live?.originator).toBe('codex-pro-max');
    expect(session.title).toBe('look at this');
    tui = startTui({
      version,
      codexHome: rig.codexHome,
      cwd: rig.workDir,
      args: ['resume', session.threadId as string, '-s', 'read-only'],
    });
    await tui.waitFor('reply: look at this', 60_000);
  }, 120_000);

  it('asks when needed: the approval reaches the browser and the command runs once accepted', async () => {
    const id = await start({ prompt: 'WRITE asked.txt', approvalPolicy: 'on-request' });
    const approval = await rig.until('the approval', () => rig.server.ctx.live.approvalsFor(id)[0], 60_000);
    expect(approval).toMatchObject({ kind: 'command', state: 'open' });
    const accept = approval.choices.find((c) => c.id === 'accept');
    expect((await rig.call('POST', `/api/approvals/${approval.id}`, { choice: accept?.id }))[0]).toBe(200);
    await until('the command to run', () => existsSync(join(rig.workDir, 'asked.txt')), 30_000);
    await idle(id);
  }, 120_000);

  it('keeps a read-only sandbox read-only when Codex never asks', async () => {
    const id = await start({ prompt: 'PLAIN refused.txt', approvalPolicy: 'never' });
    await rig.until(
      'the command to have been tried',
      () => rig.model.requests.some((r) => r.lastToolOutput() !== undefined && JSON.stringify(r.input).includes('refused.txt')),
      60_000,
    );
    await idle(id);
    expect(existsSync(join(rig.workDir, 'refused.txt'))).toBe(false);
    expect(rig.server.ctx.live.approvalsFor(id)).toEqual([]);
  }, 120_000);
});
