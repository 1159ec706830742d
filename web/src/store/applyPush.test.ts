// Table-style cases for applyPush and seqVerdict: every push type, idempotent replays, and seq gaps.
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../src/shared/schemas.js';
import { sessionSummary } from '../test/sessionSummary.js';
import { applyPush, seqVerdict } from './applyPush.js';
import { type AppState, applyDetail, applyEarlier, applySnapshot, initialState, MAX_DETAILS, sortedSessions } from './state.js';

const summary = sessionSummary;

const entry = (id: string, seq: number, role: 'user' | 'codex' = 'codex'): TimelineEntry =>
  ({ id, sessionId: 'a', seq, role, content: `entry ${id}`, createdAt: '2026-01-01T00:00:01.000Z', promptId: null }) as TimelineEntry;

function loaded(): AppState {
  return applySnapshot(initialState, {
    sessions: [summary('a'), summary('b')],
    details: [{ detail: { ...summary('a'), timeline: [entry('e1', 1)], queue: [], attachments: [] }, hasEarlier: false }],
    slashPrompts: [],
  });
}

describe('applyPush', () => {
  it('upserts a session summary', () => {
    const s = applyPush(loaded(), {
      type: 'session.upserted',
      sessionId: 'a',
      session: summary('a', { status: 'WAITING_FOR_INSTRUCTION' }),
      seq: 11,
    });
    expect(s.sessions.a?.status).toBe('WAITING_FOR_INSTRUCTION');
  });

  it('adds a session it did not know', () => {
    const s = applyPush(loaded(), { type: 'session.upserted', sessionId: 'c', session: summary('c') });
    expect(Object.keys(s.sessions).sort()).toEqual(['a', 'b', 'c']);
  });

  it('removes a deleted session with its content and remembers the deletion', () => {
    const s = applyPush(loaded(), { type: 'session.deleted', sessionId: 'a' });
    expect(s.sessions.a).toBeUndefined();
    expect(s.details.a).toBeUndefined();
    expect(s.deleted.a).toBe(true);
  });

  it('appends timeline entries once, in seq order', () => {
    let s = applyPush(loaded(), { type: 'timeline.appended', sessionId: 'a', entry: entry('e3', 3) });
    s = applyPush(s, { type: 'timeline.appended', sessionId: 'a', entry: entry('e2', 2) });
    s = applyPush(s, { type: 'timeline.appended', sessionId: 'a', entry: entry('e3', 3) });
    expect(s.details.a?.timeline.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
  });

  it('ignores content pushes for sessions whose detail is not loaded', () => {
    const before = loaded();
    const s = applyPush(before, { type: 'timeline.appended', sessionId: 'b', entry: entry('x', 1) });
    expect(s.details.b).toBeUndefined();
  });

  it('clears the timeline', () => {
    const s = applyPush(loaded(), { type: 'timeline.cleared', sessionId: 'a' });
    expect(s.details.a?.timeline).toEqual([]);
  });

  it('replaces the queue, attachments and slash prompts wholesale', () => {
    const q = [
      {
        id: 'i1',
        sessionId: 'a',
        content: 'hi',
        state: 'queued',
        position: 1,
        createdAt: '',
        updatedAt: '',
        handedAt: null,
        deliveredAt: null,
      },
    ];
    let s = applyPush(loaded(), { type: 'queue.changed', sessionId: 'a', queue: q as never });
    expect(s.details.a?.queue).toHaveLength(1);
    const att = [{ id: 'f1', sessionId: 'a', name: 'a.png', mimeType: 'image/png', sizeBytes: 1, path: '/x', createdAt: '' }];
    s = applyPush(s, { type: 'attachments.changed', sessionId: 'a', attachments: att as never });
    expect(s.details.a?.attachments[0]?.name).toBe('a.png');
    s = applyPush(s, {
      type: 'slash-prompts.changed',
      slashPrompts: [{ id: 'p', name: 'fix', content: 'Fix it', createdAt: '', updatedAt: '' }] as never,
    });
    expect(s.slashPrompts.map((p) => p.name)).toEqual(['fix']);
  });

  // The same object lets React skip rendering: most pushes under load are of these kinds.
  it('returns the same state for pushes that change nothing shown', () => {
    const before = loaded();
    const same: Parameters<typeof applyPush>[1][] = [
      { type: 'hello', serverVersion: '1', seq: 42 },
      { type: 'session.upserted', sessionId: 'a', session: { ...summary('a') }, seq: 11 },
      { type: 'timeline.appended', sessionId: 'b', entry: entry('x', 1), seq: 12 },
      { type: 'timeline.appended', sessionId: 'a', entry: entry('e1', 1), seq: 13 },
      { type: 'usage.updated', sessionId: 'b', usage: {} as never, seq: 14 },
      { type: 'activity.appended', sessionId: 'b', turn: {} as never, items: [], seq: 15 },
      { type: 'drive.turn', sessionId: 'b', turn: {} as never, seq: 16 },
    ];
    for (const msg of same) expect(applyPush(before, msg), msg.type).toBe(before);
    expect(applyPush(before, { type: 'session.upserted', sessionId: 'a', session: summary('a', { unread: true }) })).not.toBe(before);
  });
});

describe('session details', () => {
  const detail = (id: string, timeline: TimelineEntry[], hasEarlier = true) => ({
    detail: { ...summary(id), timeline, queue: [], attachments: [] },
    hasEarlier,
  });

  it('puts an earlier page in front, once, and only where it was asked from', () => {
    let s = applyDetail(loaded(), detail('a', [entry('e5', 5), entry('e6', 6)]));
    s = applyEarlier(s, 'a', { before: 5, entries: [entry('e3', 3), entry('e4', 4)], hasEarlier: true });
    expect(s.details.a?.timeline.map((e) => e.id)).toEqual(['e3', 'e4', 'e5', 'e6']);
    expect(applyEarlier(s, 'a', { before: 5, entries: [entry('e4', 4)], hasEarlier: false })).toBe(s);
    const cleared = applyPush(s, { type: 'timeline.cleared', sessionId: 'a' });
    expect(cleared.details.a?.hasEarlier).toBe(false);
    expect(applyEarlier(cleared, 'a', { before: 3, entries: [entry('e1', 1)], hasEarlier: false })).toBe(cleared);
  });

  it(`keeps the content of at most ${MAX_DETAILS} sessions, dropping the least recently loaded`, () => {
    let s = initialState;
    for (let i = 0; i < MAX_DETAILS + 2; i++) s = applyDetail(s, detail(`s${i}`, [entry(`e${i}`, 1)]));
    s = applyDetail(s, detail('s2', [entry('e2', 1)]));
    expect(Object.keys(s.details)).toHaveLength(MAX_DETAILS);
    expect(Object.keys(s.details)).toEqual([...Array.from({ length: MAX_DETAILS - 1 }, (_, i) => `s${i + 3}`), 's2']);
  });
});

describe('seqVerdict', () => {
  const cases: [number, number | undefined, 'apply' | 'gap' | 'stale'][] = [
    [10, 11, 'apply'],
    [10, 12, 'gap'],
    [10, 10, 'stale'],
    [10, 3, 'stale'],
    [10, undefined, 'apply'],
  ];
  it.each(cases)('last %i, got %s → %s', (last, seq, verdict) => {
    expect(seqVerdict(last, { type: 'session.deleted', sessionId: 'a', seq })).toBe(verdict);
  });
});

describe('sortedSessions', () => {
  it('puts the most recent activity first', () => {
    const s = applySnapshot(initialState, {
      sessions: [summary('old'), summary('new', { lastActivityAt: '2026-02-01T00:00:00.000Z' })],
      details: [],
      slashPrompts: [],
    });
    expect(sortedSessions(s.sessions).map((x) => x.id)).toEqual(['new', 'old']);
  });

  it('keeps the previous order (or the very array) when no time the order depends on changed', () => {
    let s = loaded();
    const first = sortedSessions(s.sessions);
    expect(sortedSessions(s.sessions, first)).toBe(first);
    s = applyPush(s, { type: 'session.upserted', sessionId: 'b', session: summary('b', { status: 'STOPPED' }) });
    const second = sortedSessions(s.sessions, first);
    expect(second).not.toBe(first);
    expect(second.map((x) => [x.id, x.status])).toEqual(first.map((x) => [x.id, x.id === 'b' ? 'STOPPED' : x.status]));
    s = applyPush(s, { type: 'session.upserted', sessionId: 'b', session: summary('b', { lastActivityAt: '2027-01-01T00:00:00.000Z' }) });
    expect(sortedSessions(s.sessions, second).map((x) => x.id)).toEqual(['b', 'a']);
  });
});
