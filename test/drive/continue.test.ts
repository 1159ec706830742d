// Issue #5 point 2: continuing resumes the same thread (same rollout file), with images; prompts queued meanwhile run in
// order without anyone pressing a key (Auto Run); a checklist becomes one prompt per item; the global turn limit holds.
// They run on every supported version and on both engines (`codex exec resume` per turn, and turn/start inside the
// real Codex daemon); the turn limit is ours alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODEX_VERSIONS, type CodexVersion, NEWEST_CODEX } from '../fixtures/codex-env.js';
import { type EngineCase, engineRig } from '../helpers/drive-engines.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { gate } from '../helpers/until.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const CASES: EngineCase[] = CODEX_VERSIONS.flatMap((version: CodexVersion) => [
  { engine: 'exec' as const, version, name: `exec engine, codex ${version}` },
  ...(process.platform === 'win32' ? [] : [{ engine: 'daemon' as const, version, name: `daemon engine, codex ${version}` }]),
]);

describe.each(CASES)('continue and Auto Run, $name', (engine: EngineCase) => {
  const { version } = engine;
  let rig: Rig & ModelRig;
  let hold = gate();
  let holding = false;
  beforeAll(async () => {
    rig = await startRig({
      fakeModel: async (req) => {
        const text = req.lastUserText() ?? '';
        if (text.includes('HOLD') && holding) await hold.wait;
        return { steps: [{ type: 'message', text: `answer to: ${text.split('\n').at(-1)}` }], usage: { input: 10, output: 2 } };
      },
      ...engineRig(engine),
    });
    if (engine.engine === 'daemon') {
      await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
    }
  }, 120_000);
  afterAll(() => rig?.close(), 60_000);

  const start = async (prompt: string) => {
    const [status, body] = await rig.call('POST', '/api/drive/sessions', { prompt, cwd: rig.workDir, sandbox: 'read-only' });
    expect(status).toBe(201);
    return body.session.id as string;
  };
  const turnsOf = async (id: string) => (await rig.call('GET', `/api/sessions/${id}/drive`))[1].drive.turns as any[];

  it('a prompt queued to an idle driven session resumes the same thread, images included', async () => {
    const id = await start('first prompt');
    await rig.idle();
    const [first] = await turnsOf(id);
    const files = rig.rolloutFiles().filter((f) => f.includes(first.threadId));
    expect(files).toHaveLength(1);
    const linesBefore = readFileSync(join(rig.codexHome, 'sessions', files[0]!), 'utf8').split('\n').length;

    // An uploaded image mentioned in the prompt goes to Codex with --image on resume.
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'shot.png');
    const up = await fetch(`${rig.server.apiUrl}/api/sessions/${id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rig.server.token}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const [qs] = await rig.call('POST', `/api/sessions/${id}/prompts`, { content: 'look at @shot.png please' });
    expect(qs).toBe(201);
    await rig.until(
      'the second turn',
      () => rig.pushes.filter((p) => p.type === 'drive.turn' && p.sessionId === id && p.turn.status === 'completed').length === 2,
    );
    await rig.idle();

    const turns = await turnsOf(id);
    expect(turns.map((t) => [t.threadId, t.status, t.engine])).toEqual([
      [first.threadId, 'completed', engine.engine],
      [first.threadId, 'completed', engine.engine],
    ]);
    expect(turns[1].images).toHaveLength(1);
    // Same rollout file, grown; no second file for the thread.
    const after = rig.rolloutFiles().filter((f) => f.includes(first.threadId));
    expect(after).toEqual(files);
    expect(readFileSync(join(rig.codexHome, 'sessions', files[0]!), 'utf8').split('\n').length).toBeGreaterThan(linesBefore);
    const req = rig.model.requests.at(-1)!;
    expect(req.headers['user-agent']).toContain(`/${version} `);
    expect(req.headers['thread-id'] ?? JSON.parse(String(req.headers['x-codex-turn-metadata'])).thread_id).toBe(first.threadId);
    expect(req.lastUserText()).toMatch(/<image name=\[Image #1\] path="[^"]+\.png">/);
    // Settings carried over: still read-only.
    expect(JSON.parse(String(req.headers['x-codex-turn-metadata'])).sandbox_mode).toBe('read-only');
    const [, detail] = await rig.call('GET', `/api/sessions/${id}`);
    expect(detail.session.timeline.map((e: any) => e.role)).toEqual(['user', 'codex', 'user', 'codex']);
    expect(detail.session.status).toBe('WAITING_FOR_INSTRUCTION');
  });

  it('runs prompts queued during a turn one after another, unattended, in order', async () => {
    holding = true;
    hold = gate();
    const id = await start('HOLD first');
    await rig.until('the first turn to run', () =>
      rig.pushes.some((p) => p.type === 'drive.turn' && p.sessionId === id && p.turn.status === 'running'),
    );
    for (const content of ['second', 'third']) expect((await rig.call('POST', `/api/sessions/${id}/prompts`, { content }))[0]).toBe(201);
    const [bs, batch] = await rig.call('POST', `/api/sessions/${id}/prompts/batch`, {
      checklist: 'Then:\n- [ ] fourth\n- [x] skipped\n- [ ] fifth',
    });
    expect(bs).toBe(201);
    expect(batch.prompts.map((i: any) => i.content)).toEqual(['fourth', 'fifth']);
    const [, mid] = await rig.call('GET', `/api/sessions/${id}`);
    expect(mid.session.queue.map((i: any) => [i.content, i.state])).toEqual([
      ['HOLD first', 'handed'],
      ['second', 'queued'],
      ['third', 'queued'],
      ['fourth', 'queued'],
      ['fifth', 'queued'],
    ]);
    holding = false;
    hold.open();
    await rig.until(
      'five turns',
      () => rig.pushes.filter((p) => p.type === 'drive.turn' && p.sessionId === id && p.turn.status === 'completed').length === 5,
    );
    await rig.idle();

    const turns = await turnsOf(id);
    expect(turns.map((t) => t.prompt)).toEqual(['HOLD first', 'second', 'third', 'fourth', 'fifth']);
    expect(new Set(turns.map((t) => t.threadId)).size).toBe(1);
    const [, detail] = await rig.call('GET', `/api/sessions/${id}`);
    expect(detail.session.queue).toEqual([]);
    expect(detail.session.timeline.filter((e: any) => e.role === 'user').map((e: any) => e.content)).toEqual([
      'HOLD first',
      'second',
      'third',
      'fourth',
      'fifth',
    ]);
    expect(detail.session.latestConclusion).toBe('answer to: fifth');
    const [, events] = await rig.call('GET', `/api/sessions/${id}/events`);
    expect(events.events.filter((e: any) => e.type === 'prompt.handed')).toHaveLength(5);
    expect(events.events.filter((e: any) => e.type === 'prompt.delivered')).toHaveLength(5);
  });

  it('refuses a checklist-split of plain text', async () => {
    const id = await start('x');
    await rig.idle();
    const [status, body] = await rig.call('POST', `/api/sessions/${id}/prompts/batch`, { checklist: 'just one line' });
    expect(status).toBe(400);
    expect(body.error).toContain('not a checklist');
  });
});

describe(`global turn limit, codex ${NEWEST_CODEX}`, () => {
  let rig: Rig & ModelRig;
  const hold = gate();
  beforeAll(async () => {
    rig = await startRig({
      fakeModel: async (req) => {
        if ((req.lastUserText() ?? '').includes('HOLD')) await hold.wait;
        return { steps: [{ type: 'message', text: 'ok' }] };
      },
      driveEnv: { CODEX_PRO_MAX_MAX_TURNS: '1' },
      codexVersion: NEWEST_CODEX,
    });
  });
  afterAll(() => rig?.close());

  it('with CODEX_PRO_MAX_MAX_TURNS=1 a second session waits for the first turn', async () => {
    const a = (await rig.call('POST', '/api/drive/sessions', { prompt: 'HOLD a', cwd: rig.workDir }))[1].session.id;
    await rig.until('a running', () => rig.pushes.some((p) => p.type === 'drive.turn' && p.sessionId === a && p.turn.status === 'running'));
    const b = (await rig.call('POST', '/api/drive/sessions', { prompt: 'b', cwd: rig.workDir }))[1].session.id;
    await rig.until('b told it waits', () =>
      rig.pushes.some(
        (p) => p.type === 'session.upserted' && p.sessionId === b && (p.session.statusDetail ?? '').includes('CODEX_PRO_MAX_MAX_TURNS'),
      ),
    );
    expect(rig.pushes.some((p) => p.type === 'drive.turn' && p.sessionId === b)).toBe(false);
    hold.open();
    await rig.until('b done', () => rig.pushes.some((p) => p.type === 'drive.turn' && p.sessionId === b && p.turn.status === 'completed'));
    const aDone = rig.pushes.findIndex((p) => p.type === 'drive.turn' && p.sessionId === a && p.turn.status === 'completed');
    const bStart = rig.pushes.findIndex((p) => p.type === 'drive.turn' && p.sessionId === b);
    expect(aDone).toBeGreaterThanOrEqual(0);
    expect(aDone).toBeLessThan(bStart);
    await rig.idle();
  });
});
