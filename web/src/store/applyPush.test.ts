// Table-style cases for applyPush and seqVerdict: every push type, idempotent replays, and seq gaps.
import { describe, expect, it } from 'vitest';
import type { SessionSummary, TimelineEntry } from '../../../src/shared/schemas.js';
import { applyPush, seqVerdict } from './applyPush.js';
import { type AppState, applySnapshot, initialState, sortedSessions } from './state.js';

const summary = (id: string, extra: Partial<SessionSummary> = {}): SessionSummary =>
  ({
    id,
    threadId: null,
    kind: 'attached',
    title: `Session ${id}`,
    titleSource: 'codex',
    status: 'RUNNING',
    statusDetail: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastActivityAt: '2026-01-01T00:00:00.000Z',
    latestConclusion: null,
    unread: false,
    queuedCount: 0,
    attachmentCount: 0,
    rolloutPath: null,
    cwd: null,
    ...extra,
  }) as SessionSummary;

const entry = (id: string, seq: number, role: 'user' | 'codex' = 'codex'): TimelineEntry =>
  ({ id, sessionId: 'a', seq, role, content: `entry ${id}`, createdAt: '2026-01-01T00:00:01.000Z', promptId: null }) as TimelineEntry;

function loaded(): AppState {
  return applySnapshot(initialState, {
    sessions: [summary('a'), summary('b')],
    details: [{ ...summary('a'), timeline: [entry('e1', 1)], queue: [], attachments: [] }],
    slashPrompts: [],
    seq: 10,
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
    expect(s.lastSeq).toBe(11);
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

  it('takes the seq from hello', () => {
    expect(applyPush(initialState, { type: 'hello', serverVersion: '1', seq: 42 }).lastSeq).toBe(42);
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
      seq: 0,
    });
    expect(sortedSessions(s).map((x) => x.id)).toEqual(['new', 'old']);
  });
});
