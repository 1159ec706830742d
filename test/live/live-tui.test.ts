// Live threads end to end with the real Codex TUI under a pseudo-terminal, the real daemon and our real server, for
// every supported Codex: the terminal's thread becomes a live session; approvals are answered from our API (accepted:
// the command runs; declined: it does not) or in the TUI (our copy closes and a late answer is refused); a prompt from
// the browser reaches the TUI's thread and shows there; steer and interrupt act on the running turn; and a prompt
// queued while the daemon is down is delivered exactly once after it comes back.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../src/shared/live.js';
import type { SessionSummary } from '../../src/shared/schemas.js';
import { writeOrReply } from '../fixtures/approval-script.js';
import { CODEX_VERSIONS, type CodexVersion } from '../fixtures/codex-env.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { startTui, type Tui } from '../helpers/tui.js';
import { gate, until } from '../helpers/until.js';

describe.skipIf(process.platform === 'win32').each(CODEX_VERSIONS)('live threads with the real TUI, codex %s', (version: CodexVersion) => {
  let rig: Rig & ModelRig;
  let tui: Tui;
  let session: SessionSummary;
  const holds = { steer: gate(), interrupt: gate() };

  const live = () => rig.server.ctx.live;
  const summary = () => rig.server.ctx.delivery.summary(session.id);
  const openApproval = (title: string) =>
    rig.until(`an approval "${title}"`, () =>
      live()
        .approvalsFor(session.id)
        .find((a) => a.title.includes(title)),
    );
  const turnEnded = (status: string) =>
    rig.nextPush((p) => p.type === 'live.turn' && p.sessionId === session.id && p.turn.status === status, 60_000);
  const askInTerminal = async (text: string) => {
    tui.type(text);
    await tui.waitFor(text);
    tui.enter();
  };

  beforeAll(async () => {
    rig = await startRig({
      codexVersion: version,
      daemon: true,
      fakeModel: async (req) => {
        const text = req.lastUserText() ?? '';
        if (text.includes('HOLD steer') && req.input.at(-1)?.type === 'message') await holds.steer.wait;
        if (text.includes('HOLD interrupt')) await holds.interrupt.wait;
        return writeOrReply(req);
      },
    });
    await rig.until('the daemon connection', () => live().daemon().state === 'connected', 30_000);
    tui = startTui({ version, codexHome: rig.codexHome, cwd: rig.workDir });
    await tui.waitFor(/Ask Codex|›/, 60_000);
  }, 120_000);

  afterAll(async () => {
    tui?.kill();
    holds.steer.open();
    holds.interrupt.open();
    await rig?.close();
  }, 60_000);

  it('shows the terminal thread as a live session once its first turn runs', async () => {
    await askInTerminal('hello from the terminal');
    session = await rig.until(
      'a live session for the TUI thread',
      () => rig.server.ctx.store.sessions.list().find((s) => s.live !== null),
      60_000,
    );
    // Who started it is known once Codex has written the thread's rollout, with or after the first turn.
    await rig.until('the turn to finish, its starter known', () => summary().live?.status === 'idle' && summary().live?.originator, 60_000);
    // Its prompt names it from the first item we see, else from the rollout right after the turn: soon, either way.
    await rig.until('the session named from its prompt', () => summary().title.includes('hello from the terminal'), 5_000);
    await tui.waitFor('reply: hello from the terminal');
  }, 90_000);

  it('runs a command the person approves from the browser, and the TUI moves on', async () => {
    const ended = turnEnded('completed');
    await askInTerminal('WRITE approved.txt');
    const approval = await openApproval('approved.txt');
    expect(approval).toMatchObject({ kind: 'command', state: 'open' });
    expect(approval.choices.map((c) => c.tone)).toEqual(expect.arrayContaining(['accept', 'decline']));
    expect(summary().live?.status).toBe('needs_approval');
    const [status, body] = await rig.call('POST', `/api/approvals/${approval.id}`, { choice: 'accept' });
    expect(status).toBe(200);
    expect(body.approval).toMatchObject({ state: 'answered', answer: 'accept' });
    await ended;
    await until('the approved command to have written its file', () => existsSync(join(rig.workDir, 'approved.txt')), 10_000);
    await tui.waitFor('finished approved.txt');
    expect(live().approvalsFor(session.id)).toEqual([]);
  }, 90_000);

  it('does not run a command the person declines', async () => {
    await askInTerminal('WRITE declined.txt');
    const approval = await openApproval('declined.txt');
    const decline = approval.choices.find((c) => c.tone === 'decline');
    const [status] = await rig.call('POST', `/api/approvals/${approval.id}`, { choice: decline?.id });
    expect(status).toBe(200);
    await rig.until('the turn to end', () => summary().live?.status === 'idle', 60_000);
    expect(existsSync(join(rig.workDir, 'declined.txt'))).toBe(false);
  }, 90_000);

  it('closes our copy when the approval is answered in the terminal, and refuses a late click', async () => {
    await askInTerminal('WRITE terminal.txt');
    const approval = await openApproval('terminal.txt');
    await tui.waitFor(/Would you like|proceed|Allow command/i);
    const closed = rig.nextPush(
      (p) => p.type === 'approval.changed' && p.approval.id === approval.id && p.approval.state !== 'open',
      30_000,
    );
    tui.press('y');
    const push = (await closed) as { approval: Approval };
    expect(push.approval.state).toBe('resolved_elsewhere');
    await until('the command to run', () => existsSync(join(rig.workDir, 'terminal.txt')), 30_000);
    const [status, body] = await rig.call('POST', `/api/approvals/${approval.id}`, { choice: 'decline' });
    expect([status, body.code]).toEqual([409, 'approval_closed']);
    await rig.until('the turn to finish', () => summary().live?.status === 'idle', 60_000);
  }, 90_000);

  it('hands a prompt from the browser to the TUI thread, which shows it', async () => {
    const [status, body] = await rig.call('POST', `/api/sessions/${session.id}/prompts`, { content: 'from the browser' });
    expect(status).toBe(201);
    await tui.waitFor('reply: from the browser', 60_000);
    expect(rig.model.requests.filter((r) => r.lastUserText() === 'from the browser')).toHaveLength(1);
    await rig.until('the prompt to be delivered', () => rig.server.ctx.store.prompts.get(body.prompt.id)?.state === 'delivered', 30_000);
    const entries = rig.server.ctx.store.timeline.list(session.id).filter((e) => e.content === 'from the browser');
    expect(entries).toHaveLength(1);
  }, 90_000);

  it('steers the running turn', async () => {
    await askInTerminal('HOLD steer');
    await rig.until('the held turn', () => summary().live?.status === 'working' && summary().live?.turnId, 60_000);
    const [status] = await rig.call('POST', `/api/sessions/${session.id}/live/steer`, { content: 'steered from the browser' });
    expect(status).toBe(200);
    holds.steer.open();
    await rig.until('a model request carrying the steer', () =>
      rig.model.requests.find((r) => JSON.stringify(r.input).includes('steered from the browser')),
    );
    await rig.until('the turn to finish', () => summary().live?.status === 'idle', 60_000);
  }, 90_000);

  it('interrupts the running turn', async () => {
    const ended = turnEnded('interrupted');
    await askInTerminal('HOLD interrupt');
    await rig.until('the held turn', () => summary().live?.status === 'working' && summary().live?.turnId, 60_000);
    const [status] = await rig.call('POST', `/api/sessions/${session.id}/live/interrupt`);
    expect(status).toBe(200);
    await ended;
    holds.interrupt.open();
    await rig.until('the thread to be idle', () => summary().live?.status === 'idle', 60_000);
  }, 90_000);

  it('says the terminal closed once its TUI has gone, and a prompt from here carries the thread on', async () => {
    tui.kill();
    await tui.exited;
    // The daemon unloads a thread about a minute after its last client leaves.
    await rig.until('the session to say its terminal closed', () => summary().live?.status === 'closed', 150_000);
    const [status, body] = await rig.call('POST', `/api/sessions/${session.id}/prompts`, { content: 'after the terminal closed' });
    expect(status).toBe(201);
    await rig.until('the prompt to be delivered', () => rig.server.ctx.store.prompts.get(body.prompt.id)?.state === 'delivered', 60_000);
    expect(rig.model.requests.filter((r) => r.lastUserText() === 'after the terminal closed')).toHaveLength(1);
  }, 240_000);

  it('delivers a prompt queued while the daemon was down exactly once when it is back', async () => {
    const daemon = rig.daemon!;
    daemon.kill();
    await rig.until('the lost connection', () => live().daemon().state !== 'connected', 30_000);
    tui.kill();
    const [status, body] = await rig.call('POST', `/api/sessions/${session.id}/prompts`, { content: 'while the daemon was down' });
    expect(status).toBe(201);
    expect(rig.server.ctx.store.prompts.get(body.prompt.id)?.state).toBe('queued');
    await daemon.start();
    await rig.until('the prompt to be delivered', () => rig.server.ctx.store.prompts.get(body.prompt.id)?.state === 'delivered', 90_000);
    expect(rig.model.requests.filter((r) => r.lastUserText() === 'while the daemon was down')).toHaveLength(1);
    const entries = rig.server.ctx.store.timeline.list(session.id).filter((e) => e.content === 'while the daemon was down');
    expect(entries).toHaveLength(1);
  }, 150_000);
});
