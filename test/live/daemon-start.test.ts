// The daemon is the person's to start: with none running, our server, the UI's endpoint and doctor say so and how to
// start it, nothing starts one on its own, and "Start it" (POST /api/live/daemon/start) starts it and connects at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daemonFinding } from '../../src/cli/commands/doctor.js';
import { codexBin, NEWEST_CODEX } from '../fixtures/codex-env.js';
import { codexDaemon, processesOf } from '../helpers/codex-daemon.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';

describe.skipIf(process.platform === 'win32')('starting the Codex daemon', () => {
  let rig: Rig & ModelRig;
  const pinned = process.env.CODEX_PRO_MAX_CODEX_BIN;

  beforeAll(async () => {
    rig = await startRig({ fakeModel: () => ({ steps: [{ type: 'message', text: 'ok' }] }) });
    process.env.CODEX_PRO_MAX_CODEX_BIN = codexBin(NEWEST_CODEX);
  });
  afterAll(async () => {
    if (pinned === undefined) delete process.env.CODEX_PRO_MAX_CODEX_BIN;
    else process.env.CODEX_PRO_MAX_CODEX_BIN = pinned;
    if (rig) await codexDaemon(NEWEST_CODEX, rig.codexHome).cleanUp();
    await rig?.close();
  }, 60_000);

  it('says it is not running, with the command, and starts nothing by itself', async () => {
    await rig.until('the client to find no socket', () => rig.server.ctx.live.client.status() === 'absent', 10_000);
    const [status, body] = await rig.call('GET', '/api/live/daemon');
    expect(status).toBe(200);
    expect(body.daemon).toMatchObject({ state: 'not_running', startCommand: 'codex app-server daemon start' });
    expect(body.daemon.message).toMatch(/not running/);
    const finding = await daemonFinding(rig.codexHome);
    expect(finding).toMatchObject({ id: 'daemon', ok: true, message: expect.stringContaining('codex app-server daemon start') });
    expect(processesOf(rig.codexHome)).toEqual([]);
  });

  it('starts it when asked and connects right away', async () => {
    const connected = rig.nextPush((p) => p.type === 'daemon.changed' && p.daemon.state === 'connected', 60_000);
    const [status, body] = await rig.call('POST', '/api/live/daemon/start');
    expect(status).toBe(200);
    expect(body.daemon.state).not.toBe('not_running');
    await connected;
    expect((await daemonFinding(rig.codexHome)).message).toMatch(/is running/);
  }, 90_000);
});
