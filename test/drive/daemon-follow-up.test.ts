// A driven session's follow-up turn on the daemon engine goes straight to turn/start: the thread stays subscribed
// between its turns, so neither a thread/unsubscribe after a turn nor a thread/resume before the next one is asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionId } from '../../src/shared/ids.js';
import { NEWEST_CODEX } from '../fixtures/codex-env.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';

describe.skipIf(process.platform === 'win32')(`a driven session's next turn in the daemon, codex ${NEWEST_CODEX}`, () => {
  let rig: Rig & ModelRig;
  const asked: string[] = [];

  beforeAll(async () => {
    rig = await startRig({
      codexVersion: NEWEST_CODEX,
      daemon: true,
      fakeModel: (req) => ({ steps: [{ type: 'message', text: `reply: ${req.lastUserText() ?? ''}` }] }),
    });
    await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
    const { client } = rig.server.ctx.live;
    const request = client.request.bind(client);
    client.request = (method, params, opts) => {
      asked.push(method);
      return request(method, params, opts);
    };
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('asks the daemon only for turn/start, and keeps the thread subscribed', async () => {
    const [status, body] = await rig.call('POST', '/api/drive/sessions', { prompt: 'first', cwd: rig.workDir, sandbox: 'read-only' });
    expect(status).toBe(201);
    const id = body.session.id as SessionId;
    const ended = (n: number) => () =>
      rig.server.ctx.drive.repo.turns(id).filter((t) => t.endedAt).length === n && !rig.server.ctx.drive.isRunning(id);
    await rig.until('the first turn', ended(1), 60_000);
    const threadId = rig.server.ctx.delivery.summary(id).threadId as string;
    await rig.until('the thread subscribed', () => rig.server.ctx.live.client.watchState(threadId) === 'subscribed', 10_000);

    const before = asked.length;
    const [queued] = await rig.call('POST', `/api/sessions/${id}/prompts`, { content: 'second' });
    expect(queued).toBe(201);
    await rig.until('the second turn', ended(2), 60_000);
    expect(rig.server.ctx.drive.repo.turns(id).map((t) => [t.engine, t.status])).toEqual([
      ['daemon', 'completed'],
      ['daemon', 'completed'],
    ]);
    const during = asked.slice(before);
    expect(during).toContain('turn/start');
    expect(during).not.toContain('thread/resume');
    expect(during).not.toContain('thread/unsubscribe');
    expect(rig.server.ctx.live.client.watchState(threadId)).toBe('subscribed');
  });
});
