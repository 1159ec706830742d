// The live reducers as tables: items replaced by id or appended, deltas streamed into the right field, turns kept in
// order, older pages put in front, approvals opened and closed, and the tab-title count.
import { describe, expect, it } from 'vitest';
import type { Approval, LiveInfo, LiveTurn } from '../../../src/shared/live.js';
import type { ActivityItem } from '../../../src/shared/rollout.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import {
  applyApprovalPush,
  applyLivePush,
  approvalCount,
  emptyTranscript,
  type LiveTranscriptView,
  orderedChoices,
  originatorLabel,
  prependPage,
} from './model.js';

const msg = (id: string, text: string): ActivityItem => ({ id, atIso: null, kind: 'message', text });
const cmd = (id: string, output: string): ActivityItem => ({
  id,
  atIso: null,
  kind: 'command',
  command: 'npm test',
  cwd: '/w',
  exitCode: null,
  output,
  status: 'in_progress',
  durationMs: null,
});
const turn = (id: string, items: ActivityItem[], status: LiveTurn['status'] = 'in_progress'): LiveTurn => ({
  id,
  status,
  items,
  error: null,
});
const view = (...turns: LiveTurn[]): LiveTranscriptView => ({ turns, before: null });

describe('applyLivePush', () => {
  it('appends a new item and replaces a known one by id, in the turn it names', () => {
    let v = view(turn('t1', [msg('a', 'hi')]));
    v = applyLivePush(v, 's', { type: 'live.item', sessionId: 's', turnId: 't1', item: cmd('b', '') });
    v = applyLivePush(v, 's', { type: 'live.item', sessionId: 's', turnId: 't1', item: msg('a', 'hello') });
    expect(v.turns[0]?.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(v.turns[0]?.items[0]).toMatchObject({ text: 'hello' });
  });

  it('streams deltas into a message and into a command output, and starts a message for an unknown item', () => {
    let v = view(turn('t1', [msg('a', 'Hel'), cmd('c', 'line 1\n')]));
    v = applyLivePush(v, 's', { type: 'live.delta', sessionId: 's', turnId: 't1', itemId: 'a', text: 'lo' });
    v = applyLivePush(v, 's', { type: 'live.delta', sessionId: 's', turnId: 't1', itemId: 'c', text: 'line 2\n' });
    v = applyLivePush(v, 's', { type: 'live.delta', sessionId: 's', turnId: 't1', itemId: 'new', text: 'Sure' });
    expect(v.turns[0]?.items).toEqual([msg('a', 'Hello'), cmd('c', 'line 1\nline 2\n'), msg('new', 'Sure')]);
  });

  it('creates the turn an item or delta names when it is not known yet, after the others', () => {
    let v = view(turn('t1', [], 'completed'));
    v = applyLivePush(v, 's', { type: 'live.delta', sessionId: 's', turnId: 't2', itemId: 'x', text: 'a' });
    expect(v.turns.map((t) => [t.id, t.status])).toEqual([
      ['t1', 'completed'],
      ['t2', 'in_progress'],
    ]);
  });

  it('a turn push updates status and items but keeps items only streamed so far', () => {
    let v = view(turn('t1', [msg('a', 'partial'), msg('b', 'streamed')]));
    v = applyLivePush(v, 's', { type: 'live.turn', sessionId: 's', turn: turn('t1', [msg('a', 'partial and whole')], 'completed') });
    expect(v.turns[0]?.status).toBe('completed');
    expect(v.turns[0]?.items).toEqual([msg('a', 'partial and whole'), msg('b', 'streamed')]);
  });

  it('is idempotent for turn and item pushes, and ignores other sessions', () => {
    const push = { type: 'live.item', sessionId: 's', turnId: 't1', item: msg('a', 'x') } as const;
    const once = applyLivePush(emptyTranscript, 's', push);
    expect(applyLivePush(once, 's', push)).toEqual(once);
    expect(applyLivePush(once, 'other', { ...push, item: msg('z', 'no') })).toBe(once);
  });
});

describe('prependPage', () => {
  it('puts older turns first, skips ones already shown, and takes the older cursor', () => {
    const v = { turns: [turn('t3', []), turn('t4', [])], before: 'c3' };
    const out = prependPage(v, { turns: [turn('t1', []), turn('t2', []), turn('t3', [msg('old', '')])], before: 'c1' });
    expect(out.turns.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4']);
    expect(out.turns[2]?.items).toEqual([]);
    expect(out.before).toBe('c1');
  });
});

const approval = (id: string, state: Approval['state'], sessionId = 's'): Approval => ({
  id,
  sessionId,
  threadId: 'th',
  turnId: 't1',
  kind: 'command',
  title: 'Run npm test',
  command: 'npm test',
  cwd: '/w',
  reason: null,
  diff: null,
  choices: [],
  questions: [],
  formSchema: null,
  state,
  answer: null,
  createdAt: '2026-12-01T00:00:00Z',
  closedAt: null,
});

describe('applyApprovalPush', () => {
  it.each([
    ['opens a new one', [], approval('a', 'open'), ['a']],
    [
      'keeps order when one is replaced',
      [approval('a', 'open'), approval('b', 'open')],
      { ...approval('a', 'open'), title: 'x' },
      ['a', 'b'],
    ],
    ['closes one answered here', [approval('a', 'open'), approval('b', 'open')], approval('a', 'answered'), ['b']],
    ['closes one answered in the terminal', [approval('a', 'open')], approval('a', 'resolved_elsewhere'), []],
    ['closes an expired one', [approval('a', 'open')], approval('a', 'expired'), []],
    ['ignores a close it never saw open', [approval('b', 'open')], approval('a', 'answered'), ['b']],
    ['ignores another session', [], approval('a', 'open', 'other'), []],
  ])('%s', (_name, open, push, ids) => {
    expect(applyApprovalPush(open, 's', push).map((a) => a.id)).toEqual(ids);
  });

  it('a replayed close is harmless', () => {
    const closed = applyApprovalPush([approval('a', 'open')], 's', approval('a', 'answered'));
    expect(applyApprovalPush(closed, 's', approval('a', 'answered'))).toBe(closed);
  });
});

describe('orderedChoices', () => {
  it('puts accepting choices first and declining last, keeping the offered order within each', () => {
    const c = (id: string, tone: 'accept' | 'decline' | 'neutral') => ({ id, label: id, tone });
    const out = orderedChoices([c('decline', 'decline'), c('cancel', 'neutral'), c('accept', 'accept'), c('session', 'accept')]);
    expect(out.map((x) => x.id)).toEqual(['accept', 'session', 'cancel', 'decline']);
  });
});

describe('approvalCount (tab title)', () => {
  const live = (status: LiveInfo['status'], pendingApprovals: number): LiveInfo => ({
    status,
    turnId: null,
    model: null,
    originator: null,
    pendingApprovals,
    updatedAt: '',
  });
  const sessions = (...lives: (LiveInfo | null)[]) =>
    Object.fromEntries(lives.map((l, i) => [`s${i}`, { id: `s${i}`, live: l } as SessionSummary]));
  it('sums open approvals over live sessions, skipping closed terminals and sessions that are not live', () => {
    expect(approvalCount(sessions(live('needs_approval', 2), live('needs_approval', 1), null, live('closed', 4)))).toBe(3);
    expect(approvalCount(sessions(live('idle', 0), null))).toBe(0);
  });
});

describe('originatorLabel', () => {
  it.each([
    ['codex-tui', 'terminal'],
    ['codex_exec', 'exec'],
    ['codex_vscode', 'IDE'],
    ['codex-pro-max', 'this app'],
    ['something-else', 'something-else'],
    [null, null],
  ])('%s → %s', (o, label) => expect(originatorLabel(o)).toBe(label));
});
