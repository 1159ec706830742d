// Issue #5 points 1, 3, 6: a new driven session runs Codex, binds the thread, and shows every event in order; on both
// engines (issue #13 point 9): `codex exec --json`, and inside the real Codex daemon for every supported version.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveSnapshotSchema } from '../../src/shared/drive.js';
import { pushMessageSchema } from '../../src/shared/push.js';
import { DRIVE_ENGINE_CASES, type EngineCase, engineRig } from '../helpers/drive-engines.js';
import { labels } from '../helpers/readers.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';

describe.each(DRIVE_ENGINE_CASES)('new driven session, $name', (engine: EngineCase) => {
  let rig: Rig & ModelRig;
  const daemon = engine.engine === 'daemon';
  beforeAll(async () => {
    rig = await startRig({
      ...engineRig(engine),
      fakeModel: (req) => {
        if (req.index === 0) {
          return {
            steps: [
              { type: 'reasoning', summary: 'Plan: make a file, then patch one.' },
              { type: 'function_call', name: 'exec_command', arguments: { cmd: 'echo hi > made.txt && echo made' } },
            ],
            usage: { input: 100, cached: 40, output: 20, reasoning: 5 },
          };
        }
        if (req.index === 1) {
          return {
            steps: [
              {
                type: 'custom_tool_call',
                name: 'apply_patch',
                input: '*** Begin Patch\n*** Add File: patched.txt\n+hello\n*** End Patch\n',
              },
            ],
            usage: { input: 150, cached: 100, output: 10 },
          };
        }
        return {
          steps: [{ type: 'message', text: 'All done: made.txt and patched.txt exist.' }],
          usage: { input: 200, cached: 150, output: 30, reasoning: 12 },
        };
      },
    });
    if (daemon) await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
  }, 120_000);
  afterAll(() => rig?.close(), 60_000);

  it('starts codex exec, binds the thread, and keeps every event per turn', async () => {
    const [status, body] = await rig.call('POST', '/api/drive/sessions', {
      prompt: 'Create made.txt with a command, then add patched.txt',
      cwd: rig.workDir,
      sandbox: 'workspace-write',
      effort: 'high',
    });
    expect(status).toBe(201);
    const sessionId = body.session.id;
    expect(body.session.kind).toBe('driven');
    await rig.until('the turn to end', () => rig.pushes.some((p) => p.type === 'drive.turn' && p.turn.status === 'completed'));
    await rig.idle();

    // The files really exist: the command ran and the patch applied in the chosen working directory.
    expect(readFileSync(join(rig.workDir, 'made.txt'), 'utf8')).toBe('hi\n');
    expect(existsSync(join(rig.workDir, 'patched.txt'))).toBe(true);

    const [, snap] = await rig.call('GET', `/api/sessions/${sessionId}/drive`);
    const drive = driveSnapshotSchema.parse(snap.drive);
    expect(drive.turns).toHaveLength(1);
    const turn = drive.turns[0]!;
    expect(turn.engine).toBe(engine.engine);
    const said = labels(turn.events);
    if (daemon) {
      // The daemon also announces the reasoning and the message as they start, and no process exits.
      expect(said.filter((l) => !l.startsWith('started:'))).toEqual([
        'thread_started',
        'turn_started',
        'completed:reasoning',
        'completed:command_execution',
        'completed:file_change',
        'completed:agent_message',
        'turn_completed',
      ]);
      expect(said.indexOf('started:command_execution')).toBeLessThan(said.indexOf('completed:command_execution'));
    } else {
      expect(said).toEqual([
        'thread_started',
        'turn_started',
        'completed:reasoning',
        'started:command_execution',
        'completed:command_execution',
        'started:file_change',
        'completed:file_change',
        'completed:agent_message',
        'turn_completed',
        'exited',
      ]);
    }
    expect(turn.events.map((e) => e.seq)).toEqual(turn.events.map((_, i) => i + 1));
    const completedItem = (type: string) =>
      turn.events.find((e) => e.kind === 'item' && e.phase === 'completed' && e.item.type === type) as any;
    const command = completedItem('command_execution');
    expect(command.item).toMatchObject({ exitCode: 0, status: 'completed' });
    expect(command.item.command).toContain('echo hi > made.txt');
    expect(command.item.output).toContain('made');
    expect(completedItem('file_change').item.changes).toEqual([{ path: join(rig.workDir, 'patched.txt'), kind: 'add' }]);
    expect(turn.status).toBe('completed');

    // Usage: per-turn sums as Codex reports them; cached inside input, reasoning inside output, nothing added twice.
    expect(turn.usage).toEqual({ inputTokens: 450, cachedInputTokens: 290, outputTokens: 60, reasoningOutputTokens: 17 });
    expect(drive.usage).toEqual(turn.usage);
    expect(drive.settings).toEqual({ cwd: rig.workDir, model: null, effort: 'high', sandbox: 'workspace-write', approvalPolicy: 'never' });

    // Pushed live, in the same order, and every push decodes with the shared schema.
    const pushed = rig.pushes.filter((p) => p.type === 'drive.event');
    expect(pushed.map((p) => (p.type === 'drive.event' ? p.event.seq : 0))).toEqual(turn.events.map((e) => e.seq));
    for (const p of rig.pushes) expect(pushMessageSchema.safeParse(p).success).toBe(true);

    // The session looks like any other: listed, thread bound, prompt and conclusion in the timeline.
    const [, list] = await rig.call('GET', '/api/sessions');
    const listed = list.sessions.find((s: any) => s.id === sessionId);
    const threadId = turn.events[0]!.kind === 'thread_started' ? turn.events[0]!.threadId : '';
    expect(listed).toMatchObject({ kind: 'driven', threadId, status: 'WAITING_FOR_INSTRUCTION', cwd: rig.workDir });
    expect(listed.latestConclusion).toBe('All done: made.txt and patched.txt exist.');
    const [, detail] = await rig.call('GET', `/api/sessions/${sessionId}`);
    expect(detail.session.timeline.map((e: any) => [e.role, e.content])).toEqual([
      ['user', 'Create made.txt with a command, then add patched.txt'],
      ['codex', 'All done: made.txt and patched.txt exist.'],
    ]);
    expect(detail.session.queue).toEqual([]);
    expect(detail.session.title).toBe('Create made.txt with a command, then add patched.txt');
    expect(rig.rolloutFiles().some((f) => f.includes(threadId))).toBe(true);

    // The command Codex got: cwd, sandbox and effort from the dialog; prompt from stdin, not argv.
    const meta = JSON.parse(String(rig.model.requests[0]!.headers['x-codex-turn-metadata']));
    expect(meta).toMatchObject({ sandbox_mode: 'workspace-write', reasoning_effort: 'high', thread_id: threadId });
    expect(rig.model.requests[0]!.lastUserText()).toBe('Create made.txt with a command, then add patched.txt');

    const [, recent] = await rig.call('GET', '/api/drive/recent-cwds');
    expect(recent.cwds[0]).toBe(rig.workDir);
  });

  // Its own server has no daemon, so this is the exec engine's stream; the daemon's reasoning and web-search items are
  // mapped by src/codex/engine/daemon-items.ts and checked in its table test.
  if (!daemon)
    it('shows web searches and reasoning as they happen', async () => {
      const search = await startRig({
        fakeModel: () => ({
          steps: [
            { type: 'reasoning', summary: 'Look it up.' },
            { type: 'web_search', query: 'codex exec json events' },
            { type: 'message', text: 'Found it.' },
          ],
        }),
      });
      try {
        const [, body] = await search.call('POST', '/api/drive/sessions', { prompt: 'search', cwd: search.workDir });
        await search.until('the turn to end', () => search.pushes.some((p) => p.type === 'drive.turn' && p.turn.endedAt !== null));
        await search.idle();
        const [, snap] = await search.call('GET', `/api/sessions/${body.session.id}/drive`);
        const items = snap.drive.turns[0].events.filter((e: any) => e.kind === 'item' && e.phase === 'completed').map((e: any) => e.item);
        expect(items.map((i: any) => i.type)).toEqual(['reasoning', 'web_search', 'agent_message']);
        expect(items[1].query).toBe('codex exec json events');
      } finally {
        await search.close();
      }
    });

  it('refuses a working directory that does not exist', async () => {
    const [status, body] = await rig.call('POST', '/api/drive/sessions', { prompt: 'x', cwd: join(rig.workDir, 'nope') });
    expect(status).toBe(400);
    expect(body.error).toContain('does not exist');
  });
});
