import { describe, expect, it } from 'vitest';
import type { SessionChange } from '../../delivery/changes.js';
import type { SessionId } from '../../shared/ids.js';
import type { Approval } from '../../shared/live.js';
import type { Prompt, SessionStatus, SessionSummary, TimelineEntry } from '../../shared/schemas.js';
import { type Notice, noticeFor, strongerNotice } from './rules.js';

const id = 's1' as SessionId;
const session = (status: SessionStatus, extra: Partial<SessionSummary> = {}) =>
  ({
    id,
    title: 'Fix the build',
    kind: 'attached',
    status,
    statusDetail: null,
    updatedAt: 't1',
    latestConclusion: null,
    ...extra,
  }) as SessionSummary;
const entry = (role: 'user' | 'codex', content = 'Done: the build passes.') => ({ id: 'e1', role, content }) as TimelineEntry;
const approval = (state: Approval['state']) =>
  ({ id: 'a1', sessionId: id, state, title: 'Run a command', command: 'npm test', cwd: '/work/app' }) as unknown as Approval;
const queued = [{ state: 'queued' }] as Prompt[];
const titleOf = () => 'Named from the store';

type Case = [name: string, change: Omit<SessionChange, 'sessionId'>, previous: SessionStatus | undefined, kind: Notice['kind'] | null];
const cases: Case[] = [
  [
    'a Codex conclusion',
    { type: 'conclusion.stored', entry: entry('codex'), session: session('WAITING_FOR_INSTRUCTION') },
    'RUNNING',
    'waiting',
  ],
  [
    'a conclusion into a stopped session',
    { type: 'conclusion.stored', entry: entry('codex'), session: session('STOPPED') },
    'STOPPED',
    null,
  ],
  [
    'the person’s own prompt',
    { type: 'prompt.queued', entry: entry('user'), session: session('RUNNING') },
    'WAITING_FOR_INSTRUCTION',
    null,
  ],
  ['an approval that opened', { type: 'approval.changed', approval: approval('open') }, 'RUNNING', 'approval'],
  ['an approval answered', { type: 'approval.changed', approval: approval('answered') }, 'RUNNING', null],
  ['an approval closed in the terminal', { type: 'approval.changed', approval: approval('resolved_elsewhere') }, 'RUNNING', null],
  [
    'a drive turn that failed',
    { type: 'turn.settled', session: session('ERROR', { kind: 'driven', statusDetail: 'codex exited 1' }) },
    'RUNNING',
    'failed',
  ],
  ['a live turn that failed', { type: 'live.changed', session: session('ERROR') }, 'RUNNING', 'failed'],
  ['a live session still in error', { type: 'live.changed', session: session('ERROR') }, 'ERROR', null],
  ['an error seen first after a restart', { type: 'live.changed', session: session('ERROR') }, undefined, null],
  [
    'a drive turn done',
    { type: 'turn.settled', session: session('WAITING_FOR_INSTRUCTION', { kind: 'driven' }), queue: [] },
    'RUNNING',
    'done',
  ],
  [
    'a drive turn done with more queued',
    { type: 'turn.settled', session: session('WAITING_FOR_INSTRUCTION', { kind: 'driven' }), queue: queued },
    'RUNNING',
    null,
  ],
  [
    'a driven session through the daemon',
    { type: 'live.changed', session: session('WAITING_FOR_INSTRUCTION', { kind: 'driven' }) },
    'RUNNING',
    'done',
  ],
  ['an attached session going idle', { type: 'live.changed', session: session('WAITING_FOR_INSTRUCTION') }, 'RUNNING', null],
  ['a stop', { type: 'turn.settled', session: session('STOPPED', { kind: 'driven' }) }, 'RUNNING', null],
  [
    'a rename',
    { type: 'session.renamed', session: session('WAITING_FOR_INSTRUCTION', { kind: 'driven' }) },
    'WAITING_FOR_INSTRUCTION',
    null,
  ],
];

describe('noticeFor', () => {
  it.each(cases)('%s', (_name, change, previous, kind) => {
    expect(noticeFor({ ...change, sessionId: id }, previous, titleOf)?.kind ?? null).toBe(kind);
  });

  it('says what happened, with the session’s name', () => {
    const waiting = noticeFor({ type: 'conclusion.stored', sessionId: id, entry: entry('codex', 'x'.repeat(400)) }, 'RUNNING', titleOf);
    expect(waiting).toMatchObject({ key: 'waiting:e1', sessionTitle: 'Named from the store' });
    expect(waiting?.detail.length).toBe(180);
    const asked = noticeFor({ type: 'approval.changed', sessionId: id, approval: approval('open') }, 'RUNNING', titleOf);
    expect(asked).toMatchObject({ key: 'approval:a1', detail: 'Run a command: npm test (in /work/app)' });
  });

  it('keeps the notice that holds Codex up when two meet in one window', () => {
    const of = (kind: Notice['kind'], key: string) => ({ kind, key }) as Notice;
    expect(strongerNotice(of('approval', 'a'), of('waiting', 'b')).key).toBe('a');
    expect(strongerNotice(of('waiting', 'a'), of('waiting', 'b')).key).toBe('b');
    expect(strongerNotice(of('done', 'a'), of('failed', 'b')).key).toBe('b');
    expect(strongerNotice(null, of('done', 'b')).key).toBe('b');
  });
});
