// Rooms (issue #16 items 5–7) with the real Codex in its daemon against the fake model: a three-member room with a
// moderator runs to DONE and every message reaches the members it should, once, in order (read from the requests the
// model received); a mention reaches only that member; stopping the room stops every member's turn and queue.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room, RoomMessage } from '../../src/shared/rooms.js';
import { CODEX_VERSIONS, type CodexVersion } from '../fixtures/codex-env.js';
import type { ModelRequest } from '../fixtures/fake-model.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { until } from '../helpers/until.js';

const running = (marker: string) =>
  execFileSync('ps', ['-A', '-o', 'args='], { encoding: 'utf8' })
    .split('\n')
    .some((l) => l.includes(`sleep ${marker}`) && !l.includes('ps -A'));

/** The member a room prompt is for, and the part of it addressed to that member. */
const memberOf = (text: string) => /You are @(\w+);/.exec(text)?.[1];
const forMe = (text: string) => text.split('For you:\n\n')[1] ?? '';

const SLEEPS: Record<string, string> = { p: '53.1101', q: '53.1102' };

function script(req: ModelRequest) {
  const text = req.lastUserText() ?? '';
  const me = memberOf(text);
  const mine = forMe(text);
  const reply = (t: string) => ({ steps: [{ type: 'message' as const, text: t }] });
  if (!me) return reply('ok');
  if (me === 'loopmod') return reply('@worker go again (LOOP)');
  if (me === 'mod') {
    if (mine.includes('TASK-1')) return reply('@alpha please write part one (MOD-ASKS-ALPHA)');
    if (mine.includes('ALPHA-ANSWER')) return reply('Thanks. @beta please review part one (MOD-ASKS-BETA)');
    if (mine.includes('BETA-ANSWER')) return reply('DONE. Part one is written and reviewed (MOD-DONE).');
    return reply('I am waiting for the person (MOD-IDLE).');
  }
  const sleep = SLEEPS[me];
  if (sleep && /SLEEP/.test(mine) && req.input.at(-1)?.type === 'message') {
    return {
      steps: [{ type: 'function_call' as const, name: 'exec_command', arguments: { cmd: `sleep ${sleep}`, yield_time_ms: 60_000 } }],
    };
  }
  const n = rigRef.model.requests.filter((r) => memberOf(r.lastUserText() ?? '') === me).length;
  return reply(`${me.toUpperCase()}-ANSWER-${n}`);
}

let rigRef: Rig & ModelRig;

describe.skipIf(process.platform === 'win32').each(CODEX_VERSIONS)('rooms on the daemon engine, codex %s', (version: CodexVersion) => {
  let rig: Rig & ModelRig;

  beforeAll(async () => {
    rig = await startRig({ codexVersion: version, daemon: true, fakeModel: script });
    rigRef = rig;
    await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  const create = async (members: Record<string, unknown>[], turnLimit = 10) => {
    const [status, answer] = await rig.call('POST', '/api/rooms', {
      title: 'Parser',
      turnLimit,
      members: members.map((m) => ({ cwd: rig.workDir, sandbox: 'read-only', ...m })),
    });
    expect(status, JSON.stringify(answer)).toBe(201);
    return answer.room as Room;
  };
  const say = async (room: Room, content: string) => {
    const [status, answer] = await rig.call('POST', `/api/rooms/${room.id}/messages`, { content });
    expect(status, JSON.stringify(answer)).toBe(201);
  };
  const roomNow = (room: Room) => rig.server.ctx.rooms.repo.room(room.id);
  const settled = (room: Room, status: Room['status'] = 'idle') =>
    rig.until(
      `the room to be ${status}`,
      () => roomNow(room)?.status === status && rig.server.ctx.rooms.repo.pendingPrompts(room.id).length === 0,
      90_000,
    );
  const messages = async (room: Room) => (await rig.call('GET', `/api/rooms/${room.id}`))[1].messages as RoomMessage[];
  /** The prompts each member's Codex received, in order (one model request per turn here: the replies call no tools). */
  const promptsOf = (name: string) =>
    rig.model.requests
      .filter((r) => r.input.at(-1)?.type === 'message')
      .map((r) => r.lastUserText() ?? '')
      .filter((t) => memberOf(t) === name);

  /** Each message the member did not write, up to its last prompt, is in its prompts exactly once and in room order. */
  const expectEachOnceInOrder = (name: string, all: RoomMessage[]) => {
    const seen = rig.server.ctx.rooms.repo.members(all[0]!.roomId).find((m) => m.name === name)!.seenSeq;
    const text = promptsOf(name).join('\n');
    let at = -1;
    for (const m of all) {
      const count = text.split(m.content).length - 1;
      if (m.author === name && m.kind !== 'person' && m.kind !== 'system') {
        expect(count, `@${name} was given its own message "${m.content}"`).toBe(0);
        continue;
      }
      expect(count, `@${name} and "${m.content}"`).toBe(m.seq <= seen ? 1 : 0);
      if (m.seq > seen) continue;
      const here = text.indexOf(m.content);
      expect(here, `@${name} got "${m.content}" out of order`).toBeGreaterThan(at);
      at = here;
    }
  };

  it('runs a three-member room with a moderator to DONE; every message reaches whom it should, once, in order', async () => {
    const room = await create([{ name: 'alpha' }, { name: 'beta' }, { name: 'mod', role: 'moderator' }]);
    expect(room.members.map((m) => [m.name, m.role, m.sandbox])).toEqual([
      ['alpha', 'agent', 'read-only'],
      ['beta', 'agent', 'read-only'],
      ['mod', 'moderator', 'read-only'],
    ]);
    await say(room, 'Build the parser (TASK-1)');
    await settled(room, 'done');

    const all = await messages(room);
    expect(all.map((m) => [m.author, m.to])).toEqual([
      ['person', ['mod']],
      ['mod', ['alpha']],
      ['alpha', ['mod']],
      ['mod', ['beta']],
      ['beta', ['mod']],
      ['mod', []],
    ]);
    expect(all.at(-1)?.content).toContain('MOD-DONE');
    expect(promptsOf('mod')).toHaveLength(3);
    expect(promptsOf('alpha')).toHaveLength(1);
    expect(promptsOf('beta')).toHaveLength(1);
    for (const name of ['alpha', 'beta', 'mod']) expectEachOnceInOrder(name, all);
    // What a member was asked comes under "For you"; what it only overheard comes before.
    const [beta] = promptsOf('beta');
    expect(forMe(beta!)).toContain('MOD-ASKS-BETA');
    expect(forMe(beta!)).not.toContain('ALPHA-ANSWER');
    expect(beta!.indexOf('ALPHA-ANSWER')).toBeLessThan(beta!.indexOf('For you:'));
    expect(forMe(promptsOf('mod')[1]!)).toContain('ALPHA-ANSWER');
    // Each member is an ordinary driven session: its turns ran in the daemon, its answer is its conclusion.
    const alpha = room.members.find((m) => m.name === 'alpha')!;
    expect(rig.server.ctx.drive.repo.turns(alpha.sessionId).map((t) => [t.engine, t.status])).toEqual([['daemon', 'completed']]);
    expect(rig.server.ctx.delivery.summary(alpha.sessionId).latestConclusion).toBe(all[2]!.content);
    // The export reads as a conversation.
    const exported = await rig.api(`/api/rooms/${room.id}/export`);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="Parser-.*\.md"/);
    const markdown = await exported.text();
    expect(markdown).toContain('# Room: Parser');
    expect(markdown).toContain('### @mod (moderator) → @alpha');
    expect(markdown.indexOf('TASK-1')).toBeLessThan(markdown.indexOf('MOD-DONE'));
  }, 120_000);

  it('sends a mention only to that member; the others get it with their next prompt', async () => {
    const room = await create([{ name: 'x' }, { name: 'y' }]);
    await say(room, '@x only you (MENTION-1)');
    await settled(room);
    expect(promptsOf('x')).toHaveLength(1);
    expect(promptsOf('y')).toHaveLength(0);
    await say(room, 'Now both of you (ALL-2)');
    await settled(room);
    expect(promptsOf('x')).toHaveLength(2);
    expect(promptsOf('y')).toHaveLength(1);
    const all = await messages(room);
    const said = all.map((m) => [m.author, m.to]);
    expect(said.slice(0, 3)).toEqual([
      ['person', ['x']],
      ['x', []],
      ['person', ['x', 'y']],
    ]);
    // Asked together, x and y answer in whichever order their turns end.
    expect(said.slice(3).sort()).toEqual([
      ['x', []],
      ['y', []],
    ]);
    // y overheard the mention and x's answer before its own question.
    expect(promptsOf('y')[0]).toMatch(/MENTION-1[\s\S]*X-ANSWER[\s\S]*For you:[\s\S]*ALL-2/);
    for (const name of ['x', 'y']) expectEachOnceInOrder(name, all);
  }, 120_000);

  it('stops one member, then the room: every running turn ends, the queued room prompts are dropped, nothing more runs', async () => {
    const room = await create([
      { name: 'p', sandbox: 'workspace-write' },
      { name: 'q', sandbox: 'workspace-write' },
    ]);
    await say(room, 'SLEEP for a while');
    await until('both sleeps to run', () => running(SLEEPS.p!) && running(SLEEPS.q!), 30_000);
    const [p, q] = room.members;

    // Stop @q: its turn ends, p goes on.
    expect((await rig.call('POST', `/api/rooms/${room.id}/members/q/stop`))[0]).toBe(200);
    await rig.until('q to stop', () => !rig.server.ctx.drive.isRunning(q!.sessionId), 30_000);
    await until("q's sleep to be gone", () => !running(SLEEPS.q!), 15_000);
    expect(rig.server.ctx.drive.isRunning(p!.sessionId)).toBe(true);
    expect(roomNow(room)?.status).toBe('running');

    await say(room, '@p and then this (QUEUED-3)');
    expect(rig.server.ctx.store.prompts.pending(p!.sessionId).filter((x) => x.state === 'queued')).toHaveLength(1);
    const [status, answer] = await rig.call('POST', `/api/rooms/${room.id}/stop`);
    expect(status).toBe(200);
    expect(answer.room.status).toBe('stopped');
    await rig.until('p to stop', () => !rig.server.ctx.drive.isRunning(p!.sessionId), 30_000);
    await until("p's sleep to be gone", () => !running(SLEEPS.p!), 15_000);
    for (const member of [p!, q!]) {
      expect(rig.server.ctx.drive.repo.turns(member.sessionId).map((t) => t.status)).toEqual(['interrupted']);
      expect(rig.server.ctx.store.prompts.pending(member.sessionId).filter((x) => x.state === 'queued')).toEqual([]);
    }
    expect(roomNow(room)?.status).toBe('stopped');
    expect(promptsOf('p').some((t) => t.includes('QUEUED-3'))).toBe(false);
    const said = (await messages(room)).map((m) => m.content);
    expect(said).toContain('The person stopped @q.');
    expect(said.at(-1)).toMatch(/stopped the room/);
  }, 120_000);

  it("interrupting a member with its session's own Interrupt ends its part of the round, and the room says so", async () => {
    const room = await create([
      { name: 'p', sandbox: 'workspace-write' },
      { name: 'q', sandbox: 'workspace-write' },
    ]);
    await say(room, '@p SLEEP alone');
    await until('the sleep to run', () => running(SLEEPS.p!), 30_000);
    const [p] = room.members;
    const [status, answer] = await rig.call('POST', `/api/sessions/${p!.sessionId}/drive/interrupt`);
    expect([status, answer.interrupted]).toEqual([200, true]);
    await settled(room);
    await until('the sleep to be gone', () => !running(SLEEPS.p!), 15_000);
    expect((await messages(room)).map((m) => [m.author, m.content])).toEqual([
      ['person', '@p SLEEP alone'],
      ['room', 'The turn of @p was stopped before it answered.'],
    ]);
    expect(roomNow(room)?.statusDetail).toBe('Every member has answered.');
  }, 120_000);

  it('stops a moderator that keeps asking at the turn limit', async () => {
    const room = await create([{ name: 'worker' }, { name: 'loopmod', role: 'moderator' }], 3);
    await say(room, 'Go (LIMIT-1)');
    await settled(room, 'limit');
    const now = roomNow(room)!;
    expect(now.turnsUsed).toBe(3);
    expect(now.statusDetail).toMatch(/turn limit/);
    const all = await messages(room);
    expect(all.map((m) => m.author)).toEqual(['person', 'loopmod', 'worker', 'loopmod', 'room']);
    // A new message starts a fresh count.
    await say(room, '@worker one more (LIMIT-2)');
    await settled(room, 'limit');
    expect(roomNow(room)?.turnsUsed).toBe(3);
    expect((await messages(room)).filter((m) => m.author === 'worker')).toHaveLength(3);
  }, 120_000);

  it('takes an existing driven session in as a member, and refuses one already in a room', async () => {
    const [started, driven] = await rig.call('POST', '/api/drive/sessions', { prompt: 'Say hi', cwd: rig.workDir, sandbox: 'read-only' });
    expect(started).toBe(201);
    await rig.until('its first turn to end', () => !rig.server.ctx.drive.isRunning(driven.session.id), 60_000);
    const room = await create([{ name: 'old', sessionId: driven.session.id }, { name: 'fresh' }]);
    expect(room.members[0]).toMatchObject({ name: 'old', sessionId: driven.session.id, cwd: rig.workDir, sandbox: 'read-only' });
    await say(room, '@old hello again (EXISTING-1)');
    await settled(room);
    expect(promptsOf('old')).toHaveLength(1);
    const [again, refused] = await rig.call('POST', '/api/rooms', {
      members: [
        { name: 'a', sessionId: driven.session.id },
        { name: 'b', cwd: rig.workDir },
      ],
    });
    expect([again, refused.code]).toEqual([409, 'conflict']);
  }, 120_000);
});
