// When a desktop notification fires (only for a pushed Codex conclusion, not the person's own actions),
// the tab-title count, and that undecodable pushes are dropped.
import { describe, expect, it, vi } from 'vitest';
import type { SessionSummary, TimelineEntry } from '../../../src/shared/schemas.js';
import { decodePush } from '../hooks/useLiveState.js';
import type { ReceivedPush } from '../store/applyPush.js';
import { initialState } from '../store/state.js';
import { approvalNotice, conclusionNotice, tabTitle, waitingCount } from './notify.js';

const session = (status: SessionSummary['status']) => ({ id: 's1', title: 'Fix the build', status }) as SessionSummary;
const state = (status: SessionSummary['status']) => ({ ...initialState, sessions: { s1: session(status) } });
const appended = (role: 'user' | 'codex'): ReceivedPush => ({
  type: 'timeline.appended',
  sessionId: 's1',
  entry: {
    id: 'e',
    sessionId: 's1',
    seq: 1,
    role,
    content: 'All tests pass.',
    createdAt: '',
    promptId: null,
  } as unknown as TimelineEntry,
});
const away = { sessionId: null, visible: false };

describe('conclusionNotice', () => {
  it('notifies for a new Codex conclusion', () => {
    expect(conclusionNotice(appended('codex'), state('RUNNING'), away)).toEqual({
      sessionId: 's1',
      title: 'Codex is waiting: Fix the build',
      body: 'All tests pass.',
    });
  });
  it("does not notify for the person's own prompt reaching Codex", () => {
    expect(conclusionNotice(appended('user'), state('RUNNING'), away)).toBeNull();
  });
  it('does not notify for status, rename, read or queue pushes', () => {
    const pushes: ReceivedPush[] = [
      { type: 'session.upserted', sessionId: 's1', session: session('WAITING_FOR_INSTRUCTION') },
      { type: 'queue.changed', sessionId: 's1', queue: [] },
      { type: 'timeline.cleared', sessionId: 's1' },
    ];
    for (const p of pushes) expect(conclusionNotice(p, state('RUNNING'), away)).toBeNull();
  });
  it('stays quiet when the person is looking at that session, or it was stopped', () => {
    expect(conclusionNotice(appended('codex'), state('RUNNING'), { sessionId: 's1', visible: true })).toBeNull();
    expect(conclusionNotice(appended('codex'), state('STOPPED'), away)).toBeNull();
    expect(conclusionNotice(appended('codex'), state('RUNNING'), { sessionId: 's1', visible: false })).not.toBeNull();
  });
});

describe('tab title', () => {
  it('counts waiting sessions', () => {
    const sessions = { a: session('WAITING_FOR_INSTRUCTION'), b: session('RUNNING'), c: session('WAITING_FOR_INSTRUCTION') };
    expect(waitingCount(sessions)).toBe(2);
    expect(tabTitle(2)).toBe('(2) Codex Pro Max');
    expect(tabTitle(0)).toBe('Codex Pro Max');
  });
});

describe('approval notices and the title count', () => {
  const changed = (state: 'open' | 'answered' | 'resolved_elsewhere'): ReceivedPush =>
    ({
      type: 'approval.changed',
      sessionId: 's1',
      approval: { id: 'ap1', sessionId: 's1', title: 'Run npm test', state },
    }) as unknown as ReceivedPush;
  it('notifies "Approval needed" for an approval that opened, once per approval (its tag)', () => {
    expect(approvalNotice(changed('open'), state('RUNNING'), away)).toEqual({
      sessionId: 's1',
      title: 'Approval needed: Fix the build',
      body: 'Run npm test',
      tag: 'cpm-approval-ap1',
    });
  });
  it('stays quiet for a closed approval, and when the person is looking at that session', () => {
    expect(approvalNotice(changed('answered'), state('RUNNING'), away)).toBeNull();
    expect(approvalNotice(changed('resolved_elsewhere'), state('RUNNING'), away)).toBeNull();
    expect(approvalNotice(changed('open'), state('RUNNING'), { sessionId: 's1', visible: true })).toBeNull();
    expect(approvalNotice(appended('codex'), state('RUNNING'), away)).toBeNull();
  });
  it('the title puts open approvals first', () => {
    expect(tabTitle(2, 3)).toBe('(3) Approval needed · Codex Pro Max');
    expect(tabTitle(2, 0)).toBe('(2) Codex Pro Max');
  });
});

describe('decodePush', () => {
  it('keeps the seq of a valid push and drops invalid ones with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(decodePush(JSON.stringify({ type: 'session.deleted', sessionId: 's1', seq: 7 }))).toEqual({
      type: 'session.deleted',
      sessionId: 's1',
      seq: 7,
    });
    expect(decodePush('{"type":"session.exploded","seq":8}')).toBeNull();
    expect(decodePush('not json')).toBeNull();
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});
