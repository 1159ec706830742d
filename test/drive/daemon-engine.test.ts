// Drive mode on the daemon engine (issue #13): with the Codex daemon running, driven sessions run their turns inside it.
// Real daemon, both Codex versions, one daemon per version: the seed's options (folder, model, read-only, images on the
// first and a later turn, usage with reasoning, error patterns), approvals when asked for, steering, an interrupt (also
// by Stop or deleting the session) that leaves no process behind, streamed agent-message deltas, and Auto Run stopping
// at a failed turn.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionId } from '../../src/shared/ids.js';
import { CODEX_VERSIONS, type CodexVersion } from '../fixtures/codex-env.js';
import type { ModelRequest } from '../fixtures/fake-model.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { until } from '../helpers/until.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const running = (marker: string) =>
  execFileSync('ps', ['-A', '-o', 'args='], { encoding: 'utf8' })
    .split('\n')
    .some((l) => l.includes(marker) && !l.includes('ps -A'));

function script(req: ModelRequest) {
  const text = req.lastUserText() ?? '';
  const fresh = req.input.at(-1)?.type === 'message';
  const ask = /WRITE (\S+)/.exec(text)?.[1];
  const plain = /PLAIN (\S+)/.exec(text)?.[1];
  const sleep = /SLEEP (\S+)/.exec(text)?.[1];
  if (fresh && (ask || plain)) {
    const args = ask
      ? { cmd: `echo yes > ${ask}`, sandbox_permissions: 'require_escalated', justification: 'the test asks for it' }
      : { cmd: `echo yes > ${plain}` };
    return { steps: [{ type: 'function_call' as const, name: 'exec_command', arguments: args }] };
  }
  if (sleep && !req.lastToolOutput()) {
    return {
      steps: [{ type: 'function_call' as const, name: 'exec_command', arguments: { cmd: `sleep ${sleep}`, yield_time_ms: 60_000 } }],
    };
  }
  if (/FAIL/.test(text) && fresh) {
    return { steps: [{ type: 'fail' as const, code: 'insufficient_quota', message: 'You exceeded your current quota.' }] };
  }
  return {
    steps: [
      { type: 'reasoning' as const, summary: 'thinking' },
      { type: 'message' as const, text: `reply: ${text.split('\n')[0]}` },
    ],
    usage: { input: 100, cached: 40, output: 20, reasoning: 5 },
  };
}

describe.skipIf(process.platform === 'win32').each(CODEX_VERSIONS)('drive mode on the daemon engine, codex %s', (version: CodexVersion) => {
  let rig: Rig & ModelRig;

  beforeAll(async () => {
    rig = await startRig({ codexVersion: version, daemon: true, fakeModel: script });
    await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  const start = async (body: Record<string, unknown>) => {
    const [status, answer] = await rig.call('POST', '/api/drive/sessions', { cwd: rig.workDir, sandbox: 'read-only', ...body });
    expect(status).toBe(201);
    return answer.session.id as SessionId;
  };
  const turnsOf = async (id: SessionId) => (await rig.call('GET', `/api/sessions/${id}/drive`))[1].drive.turns as any[];
  const ended = (id: SessionId, n: number) =>
    rig.until(
      `${n} turn(s) to end`,
      () => rig.server.ctx.drive.repo.turns(id).filter((t) => t.endedAt !== null).length >= n && !rig.server.ctx.drive.isRunning(id),
      60_000,
    );

  it('runs a new session in the daemon with its folder, model, images on the first and a later turn, and usage', async () => {
    const image = join(rig.workDir, 'first.png');
    writeFileSync(image, PNG);
    const id = await start({ prompt: 'hello there', model: 'mock-model', images: [image] });
    await ended(id, 1);
    const [first] = await turnsOf(id);
    expect(first).toMatchObject({ engine: 'daemon', status: 'completed', error: null });
    // Reasoning tokens come from the daemon's token-usage notification.
    expect(first.usage).toEqual({ inputTokens: 100, cachedInputTokens: 40, outputTokens: 20, reasoningOutputTokens: 5 });
    const session = rig.server.ctx.delivery.summary(id);
    expect(session.kind).toBe('driven');
    expect(session.latestConclusion).toBe('reply: hello there');
    const request = rig.model.requests.find((r) => r.lastUserText()?.includes('hello there'))!;
    expect(request.body.model).toBe('mock-model');
    expect(JSON.stringify(request.input)).toContain(rig.workDir);

    // A later prompt with an uploaded image goes to the same thread with the image.
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'later.png');
    const up = await fetch(`${rig.server.apiUrl}/api/sessions/${id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rig.server.token}` },
      body: form,
    });
    expect(up.status).toBe(201);
    expect((await rig.call('POST', `/api/sessions/${id}/prompts`, { content: 'and @later.png too' }))[0]).toBe(201);
    await ended(id, 2);
    const turns = await turnsOf(id);
    expect(turns.map((t) => [t.engine, t.status, t.threadId])).toEqual([
      ['daemon', 'completed', session.threadId],
      ['daemon', 'completed', session.threadId],
    ]);
    expect(turns[1].images).toHaveLength(1);
    // The thread's own record of each prompt shows the image that went with it.
    const [, page] = await rig.call('GET', `/api/sessions/${id}/live/history`);
    const prompts = page.history.turns.flatMap((t: any) => t.items.filter((i: any) => i.kind === 'user').map((i: any) => i.text));
    expect(prompts[0]).toBe(`hello there\n[image: ${image}]`);
    expect(prompts[1]).toMatch(/^and @later\.png too\n/);
    expect(prompts[1]).toContain(`[image: ${turns[1].images[0]}]`);
    // Usage is per turn: the second turn's figures are its own, not the thread's running total.
    expect(turns[1].usage).toEqual(turns[0].usage);
    // The agent message streamed as deltas while the turn ran (live.delta pushes before the turn's end).
    const deltaAt = rig.pushes.findIndex((p) => p.type === 'live.delta' && p.sessionId === id && p.text.includes('reply: hello'));
    const endAt = rig.pushes.findIndex((p) => p.type === 'drive.turn' && p.sessionId === id && p.turn.status === 'completed');
    expect(deltaAt).toBeGreaterThanOrEqual(0);
    expect(deltaAt).toBeLessThan(endAt);
    // One session for the thread: the daemon's news of the new thread did not make a second one.
    expect(rig.server.ctx.store.sessions.idByThread(session.threadId!)).toBe(id);
  }, 120_000);

  it('keeps a read-only sandbox read-only', async () => {
    const id = await start({ prompt: 'PLAIN refused.txt' });
    await ended(id, 1);
    expect(rig.model.requests.some((r) => r.lastToolOutput() !== undefined && JSON.stringify(r.input).includes('refused.txt'))).toBe(true);
    expect(existsSync(join(rig.workDir, 'refused.txt'))).toBe(false);
  }, 120_000);

  it('explains a failed turn with the plain explanation, and Auto Run stops there', async () => {
    const id = await start({ prompt: 'FAIL now' });
    const [status] = await rig.call('POST', `/api/sessions/${id}/prompts/batch`, { contents: ['after the failure'] });
    expect(status).toBe(201);
    await ended(id, 1);
    const summary = rig.server.ctx.delivery.summary(id);
    expect(summary.status).toBe('ERROR');
    expect(summary.statusDetail).toContain('no quota left');
    const [, detail] = await rig.call('GET', `/api/sessions/${id}`);
    expect(detail.session.queue.map((p: any) => [p.content, p.state])).toEqual([['after the failure', 'queued']]);
    expect((await turnsOf(id)).map((t) => [t.engine, t.status])).toEqual([['daemon', 'failed']]);
  }, 120_000);

  it('asks when needed: the approval reaches the browser and the command runs once accepted', async () => {
    const id = await start({ prompt: 'WRITE asked.txt', approvalPolicy: 'on-request' });
    const approval = await rig.until('the approval', () => rig.server.ctx.live.approvalsFor(id)[0], 60_000);
    expect(approval).toMatchObject({ kind: 'command', state: 'open', sessionId: id });
    const accept = approval.choices.find((c) => c.id === 'accept');
    expect((await rig.call('POST', `/api/approvals/${approval.id}`, { choice: accept?.id }))[0]).toBe(200);
    await until('the command to run', () => existsSync(join(rig.workDir, 'asked.txt')), 30_000);
    await ended(id, 1);
    expect((await turnsOf(id)).map((t) => t.status)).toEqual(['completed']);
  }, 120_000);

  it('steers a running turn: the text reaches Codex inside the same turn', async () => {
    const marker = '2.0417';
    const id = await start({ prompt: `SLEEP ${marker}` });
    await until('the sleep to be running', () => running(`sleep ${marker}`), 30_000);
    const [status, answer] = await rig.call('POST', `/api/sessions/${id}/live/steer`, { content: 'STEERED text' });
    expect(status).toBe(200);
    expect(answer.turnId).toBe((await turnsOf(id))[0].id);
    await ended(id, 1);
    expect(rig.model.requests.some((r) => JSON.stringify(r.input).includes('STEERED text'))).toBe(true);
    expect((await turnsOf(id)).map((t) => t.status)).toEqual(['completed']);
  }, 120_000);

  it('interrupts with turn/interrupt and leaves no process behind; the session continues', async () => {
    const marker = '47.3119';
    const id = await start({ prompt: `SLEEP ${marker}`, sandbox: 'danger-full-access' });
    await until('the sleep to be running', () => running(`sleep ${marker}`), 30_000);
    const [status, body] = await rig.call('POST', `/api/sessions/${id}/drive/interrupt`);
    expect(status).toBe(200);
    expect(body.interrupted).toBe(true);
    await ended(id, 1);
    expect((await turnsOf(id)).map((t) => [t.engine, t.status])).toEqual([['daemon', 'interrupted']]);
    await until('the command to be gone', () => !running(`sleep ${marker}`), 10_000);
    expect((await rig.call('POST', `/api/sessions/${id}/prompts`, { content: 'go on' }))[0]).toBe(201);
    await ended(id, 2);
    expect(rig.server.ctx.delivery.summary(id).latestConclusion).toBe('reply: go on');
  }, 120_000);

  it('Stop and deleting a session mid-turn end the daemon turn and its command too', async () => {
    const stopped = '48.2207';
    const a = await start({ prompt: `SLEEP ${stopped}`, sandbox: 'workspace-write' });
    await until('the first sleep to be running', () => running(`sleep ${stopped}`), 30_000);
    const [status, body] = await rig.call('POST', `/api/sessions/${a}/stop`);
    expect(status).toBe(200);
    expect(body.session.status).toBe('STOPPED');
    await ended(a, 1);
    expect((await turnsOf(a)).map((t) => t.status)).toEqual(['interrupted']);
    await until('the first sleep to be gone', () => !running(`sleep ${stopped}`), 10_000);

    const deleted = '49.6021';
    const b = await start({ prompt: `SLEEP ${deleted}`, sandbox: 'workspace-write' });
    await until('the second sleep to be running', () => running(`sleep ${deleted}`), 30_000);
    expect((await rig.call('DELETE', `/api/sessions/${b}`))[0]).toBe(200);
    await rig.idle();
    await until('the second sleep to be gone', () => !running(`sleep ${deleted}`), 10_000);
    expect((await rig.call('GET', `/api/sessions/${b}`))[0]).toBe(404);
  }, 120_000);
});
