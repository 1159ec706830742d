// Issue #5 points 4, 6, 7: failures through the real codex are explained, the session goes to ERROR and can be continued;
// a missing codex gives a clear 424; attached sessions and live waiters are never resumed by drive mode (409).
// On both engines (issue #13 point 9): `codex exec` per turn, and turns inside the real Codex daemon.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelReply } from '../fixtures/fake-model.js';
import { DRIVE_ENGINE_CASES, type EngineCase, engineRig } from '../helpers/drive-engines.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';

describe.each(DRIVE_ENGINE_CASES)('drive failures, $name', (engine: EngineCase) => {
  let rig: Rig & ModelRig;
  let next: ModelReply = { steps: [{ type: 'message', text: 'ok' }] };
  const daemon = engine.engine === 'daemon';
  beforeAll(async () => {
    rig = await startRig({ fakeModel: () => next, ...engineRig(engine) });
    if (daemon) await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
  }, 120_000);
  afterAll(() => rig?.close(), 60_000);

  const runNew = async (prompt: string) => {
    const [status, body] = await rig.call('POST', '/api/drive/sessions', { prompt, cwd: rig.workDir });
    expect(status).toBe(201);
    await rig.until(`${prompt} to end`, () =>
      rig.pushes.some((p) => p.type === 'drive.turn' && p.sessionId === body.session.id && p.turn.endedAt),
    );
    await rig.idle();
    return (await rig.call('GET', `/api/sessions/${body.session.id}`))[1].session;
  };

  const cases: [string, ModelReply, RegExp][] = [
    [
      'context length',
      { steps: [{ type: 'fail', code: 'context_length_exceeded', message: 'Your input exceeds the context window.' }] },
      /no longer fits in the model's context window/,
    ],
    ['quota', { steps: [{ type: 'fail', code: 'insufficient_quota', message: 'You exceeded your current quota.' }] }, /no quota left/],
    [
      'authentication',
      { steps: [{ type: 'http_error', status: 401, body: { error: { message: 'Incorrect API key provided' } } }] },
      /codex login/,
    ],
    [
      'unknown model',
      {
        steps: [
          {
            type: 'http_error',
            status: 404,
            body: { error: { message: 'The model `nope` does not exist or you do not have access to it.' } },
          },
        ],
      },
      /does not know the chosen model/,
    ],
    ['unknown error', { steps: [{ type: 'fail', code: 'weird', message: 'the sky fell' }] }, /Codex said: .*the sky fell/],
  ];
  it.each(cases)('%s: explained in statusDetail, session in ERROR', async (_name, reply, explanation) => {
    next = reply;
    const session = await runNew('please fail');
    expect(session.status).toBe('ERROR');
    expect(session.statusDetail).toMatch(explanation);
    const [, snap] = await rig.call('GET', `/api/sessions/${session.id}/drive`);
    expect(snap.drive.turns[0]).toMatchObject({ status: 'failed', error: session.statusDetail, exitCode: daemon ? null : 1 });
    expect(snap.drive.turns[0].engine).toBe(engine.engine);
    // The daemon runs no process per turn, so nothing exits.
    expect(snap.drive.turns[0].events.map((e: any) => e.kind)).toEqual(
      daemon
        ? ['thread_started', 'turn_started', 'error', 'turn_failed']
        : ['thread_started', 'turn_started', 'error', 'turn_failed', 'exited'],
    );
    // The prompt counts as delivered (Codex got it), so nothing is doubled when the person continues.
    expect(session.queue).toEqual([]);
  });

  it('an ERROR session can be continued, and a vanished rollout is explained as "cannot be resumed"', async () => {
    next = { steps: [{ type: 'fail', code: 'rate_limit_exceeded', message: 'Rate limit reached. Please try again in 1s.' }] };
    const failed = await runNew('first');
    expect(failed.statusDetail).toMatch(/rate-limiting/);

    next = { steps: [{ type: 'message', text: 'recovered' }] };
    await rig.call('POST', `/api/sessions/${failed.id}/prompts`, { content: 'try again' });
    await rig.until('recovery', () =>
      rig.pushes.some((p) => p.type === 'session.upserted' && p.sessionId === failed.id && p.session.latestConclusion === 'recovered'),
    );
    await rig.idle();
    const [, ok] = await rig.call('GET', `/api/sessions/${failed.id}`);
    expect(ok.session).toMatchObject({ status: 'WAITING_FOR_INSTRUCTION', statusDetail: null });
    // The daemon still holds the thread in memory, so a vanished rollout does not stop it; only `codex exec` reloads.
    if (daemon) return;

    // Remove the thread's rollout: `codex exec resume` exits 1 with "no rollout found" on stderr and no JSON events.
    for (const f of rig.rolloutFiles().filter((f) => f.includes(ok.session.threadId))) rmSync(join(rig.codexHome, 'sessions', f));
    await rig.call('POST', `/api/sessions/${failed.id}/prompts`, { content: 'are you there?' });
    await rig.until('resume failure', () =>
      rig.pushes.some((p) => p.type === 'session.upserted' && p.sessionId === failed.id && p.session.status === 'ERROR'),
    );
    await rig.idle();
    const [, gone] = await rig.call('GET', `/api/sessions/${failed.id}`);
    expect(gone.session.statusDetail).toMatch(/could not find this conversation/);
    expect(gone.session.statusDetail).toMatch(/no rollout found/);
  });

  it('refuses to drive an attached session or one a terminal is waiting on (409)', async () => {
    const [, attached] = await rig.call('POST', '/api/codex/sessions/by-thread/0199aaaa-1111-7222-8333-444455556666', {
      title: 'terminal',
    });
    const [s1, b1] = await rig.call('POST', `/api/sessions/${attached.session.id}/drive/continue`);
    expect(s1).toBe(409);
    expect(b1.error).toContain('attached to this session from a terminal');

    next = { steps: [{ type: 'message', text: 'hi' }] };
    const driven = await runNew('driven one');
    const waiting = rig.call('POST', `/api/codex/sessions/by-thread/${driven.threadId}/wait`, { timeoutMs: 20_000 });
    await rig.until('a live waiter', () => rig.server.ctx.delivery.waiterCount(driven.id) > 0);
    const [s2, b2] = await rig.call('POST', `/api/sessions/${driven.id}/drive/continue`);
    expect(s2).toBe(409);
    expect(b2.error).toContain('terminal is waiting');
    // A prompt queued now goes to the waiting terminal, not to a second codex process.
    await rig.call('POST', `/api/sessions/${driven.id}/prompts`, { content: 'for the terminal' });
    const [, waited] = await waiting;
    expect(waited.instruction.content).toBe('for the terminal');
    expect(rig.server.ctx.drive.isRunning(driven.id)).toBe(false);
  });
});

describe('codex missing', () => {
  let rig: Rig & ModelRig;
  beforeAll(async () => {
    rig = await startRig({ fakeModel: () => ({ steps: [] }), driveEnv: { CODEX_PRO_MAX_CODEX_BIN: '/nonexistent/codex' } });
  });
  afterAll(() => rig?.close());

  it('a new session answers 424 with what to do, and creates nothing', async () => {
    const [status, body] = await rig.call('POST', '/api/drive/sessions', { prompt: 'x', cwd: rig.workDir });
    expect(status).toBe(424);
    expect(body.error).toContain('CODEX_PRO_MAX_CODEX_BIN points to "/nonexistent/codex"');
    const [, list] = await rig.call('GET', '/api/sessions');
    expect(list.sessions).toEqual([]);
  });
});
