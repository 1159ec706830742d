// Issue #5 points 5 and 8: an interrupt ends codex and the commands it started (no process left behind), keeps what was
// produced, and the session can be continued; the normal stop endpoint interrupts too. Read-only really blocks writes.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../helpers/readers.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { until } from '../helpers/until.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** Live members of a process group; zombies (dead, waiting for a container's pid 1 to reap them) do not count. */
const groupMembers = (pgid: number) =>
  execFileSync('ps', ['-A', '-o', 'pid=,pgid=,stat='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, g, stat]) => Number(g) === pgid && !stat?.startsWith('Z'));
const running = (marker: string) =>
  execFileSync('ps', ['-A', '-o', 'args='], { encoding: 'utf8' })
    .split('\n')
    .some((l) => l.includes(marker) && !l.includes('ps -A'));

describe.skipIf(process.platform === 'win32')('interrupt', () => {
  let rig: Rig & ModelRig;
  beforeAll(async () => {
    rig = await startRig({
      fakeModel: (req) => {
        const text = req.lastUserText() ?? '';
        const sleep = /SLEEP (\S+)/.exec(text)?.[1];
        if (sleep && !req.lastToolOutput()) {
          return {
            steps: [
              { type: 'function_call', name: 'exec_command', arguments: { cmd: `echo started; sleep ${sleep}`, yield_time_ms: 30000 } },
            ],
          };
        }
        if (/WRITE/.test(text) && !req.lastToolOutput()) {
          return { steps: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'echo nope > ro.txt' } }] };
        }
        return { steps: [{ type: 'message', text: `done: ${text}` }] };
      },
    });
  });
  afterAll(() => rig?.close());

  const startSleeping = async (marker: string, sandbox: string) => {
    const [status, body] = await rig.call('POST', '/api/drive/sessions', { prompt: `SLEEP ${marker}`, cwd: rig.workDir, sandbox });
    expect(status).toBe(201);
    const id = body.session.id as string;
    await rig.until('the command to start', () =>
      rig.pushes.some(
        (p) => p.type === 'drive.event' && p.sessionId === id && p.event.kind === 'item' && p.event.item.type === 'command_execution',
      ),
    );
    // A process starting announces nothing, so this one is polled.
    await until('the sleep to be running', () => running(`sleep ${marker}`), 20_000);
    return id;
  };

  it('interrupt ends codex and its commands, keeps the events, and the session continues', async () => {
    const marker = '41.7311';
    const id = await startSleeping(marker, 'danger-full-access');
    const pid = rig.server.ctx.drive.pidOf(id as any);
    expect(pid).toBeGreaterThan(0);
    expect(running(`sleep ${marker}`)).toBe(true);

    const [status, body] = await rig.call('POST', `/api/sessions/${id}/drive/interrupt`);
    expect(status).toBe(200);
    expect(body.interrupted).toBe(true);
    await rig.idle();

    expect(alive(pid!)).toBe(false);
    expect(groupMembers(pid!)).toEqual([]); // the whole process group is gone
    expect(running(`sleep ${marker}`)).toBe(false);

    const [, snap] = await rig.call('GET', `/api/sessions/${id}/drive`);
    const turn = snap.drive.turns[0];
    expect(turn.status).toBe('interrupted');
    expect(labels(turn.events)).toEqual(['thread_started', 'turn_started', 'started:command_execution', 'exited']);
    expect(turn.events.at(-1)).toMatchObject({ kind: 'exited', interrupted: true });
    const [, detail] = await rig.call('GET', `/api/sessions/${id}`);
    expect(detail.session.status).toBe('STOPPED');
    expect(detail.session.statusDetail).toMatch(/Interrupted/);
    expect(detail.session.queue).toEqual([]);

    await rig.call('POST', `/api/sessions/${id}/prompts`, { content: 'carry on' });
    await rig.until('the next turn', () =>
      rig.pushes.some((p) => p.type === 'drive.turn' && p.sessionId === id && p.turn.status === 'completed'),
    );
    await rig.idle();
    const [, after] = await rig.call('GET', `/api/sessions/${id}/drive`);
    expect(after.drive.turns.map((t: any) => [t.status, t.threadId])).toEqual([
      ['interrupted', turn.threadId],
      ['completed', turn.threadId],
    ]);
  });

  it('the normal stop endpoint interrupts a driven turn too', async () => {
    const marker = '42.5197';
    const id = await startSleeping(marker, 'workspace-write');
    const pid = rig.server.ctx.drive.pidOf(id as any)!;
    const [status, body] = await rig.call('POST', `/api/sessions/${id}/stop`);
    expect(status).toBe(200);
    expect(body.session.status).toBe('STOPPED');
    await rig.idle();
    expect(alive(pid)).toBe(false);
    expect(groupMembers(pid)).toEqual([]);
    expect(running(`sleep ${marker}`)).toBe(false);
    const [, snap] = await rig.call('GET', `/api/sessions/${id}/drive`);
    expect(snap.drive.turns[0].status).toBe('interrupted');
  });

  it('deleting a session mid-turn ends its codex process', async () => {
    const marker = '43.9023';
    const id = await startSleeping(marker, 'workspace-write');
    const pid = rig.server.ctx.drive.pidOf(id as any)!;
    const [status] = await rig.call('DELETE', `/api/sessions/${id}`);
    expect(status).toBe(200);
    await rig.idle();
    expect(alive(pid)).toBe(false);
    expect(groupMembers(pid)).toEqual([]);
    expect(running(`sleep ${marker}`)).toBe(false);
    const [gone] = await rig.call('GET', `/api/sessions/${id}`);
    expect(gone).toBe(404);
  });

  it('interrupting an idle session says there was nothing to stop', async () => {
    const [, body] = await rig.call('POST', '/api/drive/sessions', { prompt: 'quick', cwd: rig.workDir });
    await rig.idle();
    const [status, res] = await rig.call('POST', `/api/sessions/${body.session.id}/drive/interrupt`);
    expect(status).toBe(200);
    expect(res.interrupted).toBe(false);
  });

  it('read-only really prevents a file write', async () => {
    const [, body] = await rig.call('POST', '/api/drive/sessions', { prompt: 'WRITE a file', cwd: rig.workDir, sandbox: 'read-only' });
    await rig.until('the turn to end', () =>
      rig.pushes.some((p) => p.type === 'drive.turn' && p.sessionId === body.session.id && p.turn.endedAt),
    );
    await rig.idle();
    expect(existsSync(join(rig.workDir, 'ro.txt'))).toBe(false);
    // codex 0.169 emits no command_execution item for a command the sandbox failed; the model's tool output shows why.
    expect(rig.model.requests.at(-1)!.lastToolOutput()).toMatch(/ro\.txt: Read-only file system/);
    expect(JSON.parse(String(rig.model.requests.at(-1)!.headers['x-codex-turn-metadata'])).sandbox_mode).toBe('read-only');
  });
});
