// Delivery on its own: a real SQLite store in a temp folder and a recording subscriber (delivery-kit.ts), no HTTP. Every intent, the
// one change it emits, and every row of the status table an intent can reach.
import { describe, expect, it } from 'vitest';
import { type DeliveryKit, freshDeliveryKit, STATUSES } from '../../test/helpers/delivery-kit.js';
import type { AttachmentId, PromptId, SessionId, ThreadId } from '../shared/ids.js';
import type { SessionStatus } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import type { SessionChange } from './changes.js';
import { Delivery, QUEUE_LIMIT } from './delivery.js';
import { QUEUED_NOT_CONNECTED } from './presence.js';

let kit: DeliveryKit;
let store: Store;
let delivery: Delivery;
let changes: SessionChange[];
freshDeliveryKit((k) => {
  kit = k;
  ({ store, delivery, changes } = k);
});

function newThread() {
  return kit.newThread();
}
/** The changes since the last call: type and which parts it carried. */
function drain() {
  return kit.drain();
}
/** An attached session in `status`, reached through intents only. */
function attachedIn(status: SessionStatus) {
  return kit.attachedIn(status);
}
const statusOf = (id: SessionId) => delivery.summary(id).status;

describe('status table rows reached through intents', () => {
  const cases: [string, (s: { id: SessionId; thread: ThreadId }) => unknown, Record<SessionStatus, SessionStatus>][] = [
    [
      'attach (codex_attached)',
      (s) => delivery.attach(s.thread),
      { RUNNING: 'RUNNING', WAITING_FOR_INSTRUCTION: 'RUNNING', STOPPED: 'RUNNING', ERROR: 'RUNNING' },
    ],
    [
      'conclude (conclusion)',
      (s) => delivery.conclude(s.thread, 'an answer'),
      {
        RUNNING: 'WAITING_FOR_INSTRUCTION',
        WAITING_FOR_INSTRUCTION: 'WAITING_FOR_INSTRUCTION',
        STOPPED: 'STOPPED',
        ERROR: 'WAITING_FOR_INSTRUCTION',
      },
    ],
    [
      'queue (prompt_queued)',
      (s) => delivery.queue(s.id, 'next'),
      { RUNNING: 'RUNNING', WAITING_FOR_INSTRUCTION: 'WAITING_FOR_INSTRUCTION', STOPPED: 'RUNNING', ERROR: 'ERROR' },
    ],
    [
      'waitingForSlot (prompt_queued with a detail)',
      (s) => delivery.waitingForSlot(s.id, 'Waiting: 2 turns run'),
      { RUNNING: 'RUNNING', WAITING_FOR_INSTRUCTION: 'WAITING_FOR_INSTRUCTION', STOPPED: 'RUNNING', ERROR: 'ERROR' },
    ],
    ['stop', (s) => delivery.stop(s.id), { RUNNING: 'STOPPED', WAITING_FOR_INSTRUCTION: 'STOPPED', STOPPED: 'STOPPED', ERROR: 'STOPPED' }],
    [
      'turnStarted (turn_started)',
      (s) => delivery.turnStarted(s.id),
      { RUNNING: 'RUNNING', WAITING_FOR_INSTRUCTION: 'RUNNING', STOPPED: 'RUNNING', ERROR: 'RUNNING' },
    ],
    [
      'settleDrivenTurn turn_completed',
      (s) => delivery.settleDrivenTurn(s.id, 'turn_completed', null),
      {
        RUNNING: 'WAITING_FOR_INSTRUCTION',
        WAITING_FOR_INSTRUCTION: 'WAITING_FOR_INSTRUCTION',
        STOPPED: 'STOPPED',
        ERROR: 'WAITING_FOR_INSTRUCTION',
      },
    ],
    [
      'settleDrivenTurn failed',
      (s) => delivery.settleDrivenTurn(s.id, 'failed', 'x'),
      { RUNNING: 'ERROR', WAITING_FOR_INSTRUCTION: 'ERROR', STOPPED: 'ERROR', ERROR: 'ERROR' },
    ],
    [
      'settleDrivenTurn stop',
      (s) => delivery.settleDrivenTurn(s.id, 'stop', 'Interrupted'),
      { RUNNING: 'STOPPED', WAITING_FOR_INSTRUCTION: 'STOPPED', STOPPED: 'STOPPED', ERROR: 'STOPPED' },
    ],
  ];
  for (const [name, act, expected] of cases) {
    it.each(STATUSES)(`${name} from %s`, (from) => {
      const session = attachedIn(from);
      act(session);
      expect(statusOf(session.id)).toBe(expected[from]);
    });
  }

  it.each(STATUSES)('a hand-off (prompt_handed) from %s makes it RUNNING', async (from) => {
    const s = attachedIn(from);
    delivery.queue(s.id, 'go');
    const outcome = await delivery.wait(s.thread, { timeoutMs: 50 });
    outcome.handoff?.confirm();
    expect(statusOf(s.id)).toBe('RUNNING');
  });

  it.each([
    ['RUNNING', 'WAITING_FOR_INSTRUCTION'],
    ['WAITING_FOR_INSTRUCTION', 'WAITING_FOR_INSTRUCTION'],
    ['ERROR', 'WAITING_FOR_INSTRUCTION'],
    ['STOPPED', 'STOPPED'],
  ] as const)('an empty wait (waiting) from %s leaves %s', async (from, to) => {
    const s = attachedIn(from);
    const waiting = delivery.wait(s.thread, { timeoutMs: 20 });
    expect(statusOf(s.id)).toBe(to);
    await waiting;
  });
});

describe('intents and the one change each emits', () => {
  it('attach creates, then resumes; a Codex title replaces a default but never a name the person gave', () => {
    const thread = newThread();
    const created = delivery.attach(thread);
    expect(created).toMatchObject({ threadId: thread, kind: 'attached', titleSource: 'default', status: 'RUNNING' });
    expect(drain()).toEqual(['session.created session']);
    expect(delivery.attach(thread, 'Named by Codex').title).toBe('Named by Codex');
    expect(drain()).toEqual(['session.attached session']);
    delivery.rename(created.id, 'Mine');
    expect(drain()).toEqual(['session.renamed session']);
    expect(delivery.attach(thread, 'Codex again').title).toBe('Mine');
  });

  it('conclude stores the entry, delivers what was handed, titles a default session, and dedupes by requestId', async () => {
    const { id, thread } = attachedIn('RUNNING');
    delivery.queue(id, 'do it');
    drain();
    const outcome = await delivery.wait(thread, { timeoutMs: 50 });
    outcome.handoff?.confirm();
    expect(drain()).toEqual(['prompt.claimed queue', 'prompt.handed session queue entry']);
    const first = delivery.conclude(thread, '# Fixed the parser\nAll green.', 'req-1');
    expect(drain()).toEqual(['conclusion.stored session queue entry']);
    expect(store.prompts.pending(id)).toEqual([]);
    expect(first.session.title).toBe('do it');
    const again = delivery.conclude(thread, '# Fixed the parser\nAll green.', 'req-1');
    expect(again.entry.id).toBe(first.entry.id);
    expect(drain()).toEqual([]);
    expect(store.timeline.list(id).filter((e) => e.role === 'codex')).toHaveLength(1);
  });

  it('a conclusion names a session that has only its default title', () => {
    const { id, thread } = attachedIn('RUNNING');
    delivery.conclude(thread, '## Summary of the fix');
    expect(delivery.summary(id)).toMatchObject({ title: 'Summary of the fix', titleSource: 'conclusion' });
  });

  it('wait hands a queued prompt at once, redelivers it until acknowledged, then moves on', async () => {
    const { id, thread } = attachedIn('RUNNING');
    const a = delivery.queue(id, 'a');
    delivery.queue(id, 'b');
    expect(drain()).toEqual(['prompt.queued session queue', 'prompt.queued session queue']);
    const first = await delivery.wait(thread, { timeoutMs: 50 });
    first.handoff?.confirm();
    expect(first.instruction?.id).toBe(a.id);
    const repeat = await delivery.wait(thread, { timeoutMs: 50 });
    expect(repeat.instruction?.id).toBe(a.id);
    drain();
    const next = await delivery.wait(thread, { timeoutMs: 50, acknowledge: a.id });
    expect(next.instruction?.text).toBe('b');
    expect(drain()[0]).toBe('prompt.acknowledged queue');
    expect(store.prompts.get(a.id)?.state).toBe('delivered');
  });

  it('a parked wait takes a prompt queued later; an abandoned hand-off goes back to the head of the queue', async () => {
    const { id, thread } = attachedIn('WAITING_FOR_INSTRUCTION');
    const parked = delivery.wait(thread, { timeoutMs: 5_000 });
    expect(delivery.waiterCount(id)).toBe(1);
    delivery.queue(id, 'first');
    delivery.queue(id, 'second');
    const outcome = await parked;
    expect(outcome.instruction?.text).toBe('first');
    drain();
    outcome.handoff?.abandon();
    expect(drain()).toEqual(['prompt.requeued queue']);
    expect(store.prompts.pending(id).map((i) => [i.content, i.state])).toEqual([
      ['first', 'queued'],
      ['second', 'queued'],
    ]);
    expect(store.timeline.list(id).filter((e) => e.role === 'user')).toEqual([]);
  });

  it('a wait parked after a conclusion stores nothing: the session keeps its place in the sidebar', async () => {
    const { id, thread } = attachedIn('RUNNING');
    delivery.conclude(thread, 'an answer');
    const concluded = store.sessions.summary(id);
    // Times are kept to the millisecond: a write after this pause could not leave them as they were.
    await new Promise((r) => setTimeout(r, 5));
    const writes = store.db.prepare('SELECT total_changes() AS n').pluck();
    const before = writes.get();
    const renewed = [await delivery.wait(thread, { timeoutMs: 10 }), await delivery.wait(thread, { timeoutMs: 10 })];
    expect(renewed.map((w) => w.status)).toEqual(['no_instruction_yet', 'no_instruction_yet']);
    expect(writes.get()).toBe(before);
    expect(store.sessions.summary(id)).toMatchObject({
      status: 'WAITING_FOR_INSTRUCTION',
      lastActivityAt: concluded?.lastActivityAt,
      updatedAt: concluded?.updatedAt,
    });
    // A wait that does change what the session shows is stored: here the note that nobody was there to take a prompt.
    delivery.codexGone(thread, 'stdin_closed');
    delivery.deletePrompt(id, delivery.queue(id, 'for later').id);
    expect(store.sessions.summary(id)?.statusDetail).toBe(QUEUED_NOT_CONNECTED);
    expect((await delivery.wait(thread, { timeoutMs: 10 })).status).toBe('no_instruction_yet');
    expect(store.sessions.summary(id)).toMatchObject({ status: 'WAITING_FOR_INSTRUCTION', statusDetail: null });
  });

  it('wait answers "nothing yet" after its bound, "cancelled" on abort, "stopped" on stop and on delete', async () => {
    const { id, thread } = attachedIn('RUNNING');
    expect((await delivery.wait(thread, { timeoutMs: 10 })).status).toBe('no_instruction_yet');
    const aborter = new AbortController();
    const aborted = delivery.wait(thread, { timeoutMs: 5_000, signal: aborter.signal });
    aborter.abort();
    expect(await aborted).toMatchObject({ status: 'no_instruction_yet', message: 'The wait was cancelled.' });
    const stopped = delivery.wait(thread, { timeoutMs: 5_000 });
    delivery.stop(id);
    expect((await stopped).status).toBe('stopped');
    // The stopped waiter carried the news: the next wait is held until its bound, not answered at once.
    expect((await delivery.wait(thread, { timeoutMs: 20 })).status).toBe('stopped');
    const other = attachedIn('RUNNING');
    const deleted = delivery.wait(other.thread, { timeoutMs: 5_000 });
    delivery.delete(other.id);
    expect(await deleted).toMatchObject({ status: 'stopped', sessionId: null });
  });

  it('a fresh stop is reported once to the next wait', async () => {
    const { id, thread } = attachedIn('RUNNING');
    delivery.stop(id);
    expect(drain()).toEqual(['session.stopped session']);
    expect((await delivery.wait(thread, { timeoutMs: 10 })).status).toBe('stopped');
    expect(store.sessions.flags(id)?.stopAcknowledged).toBe(true);
  });

  it('queue refuses past the limit; edit, delete and reorder act on queued prompts only', async () => {
    const { id, thread } = attachedIn('WAITING_FOR_INSTRUCTION');
    const [a, b, c] = ['a', 'b', 'c'].map((t) => delivery.queue(id, t)) as [
      ReturnType<Delivery['queue']>,
      ReturnType<Delivery['queue']>,
      ReturnType<Delivery['queue']>,
    ];
    drain();
    expect(delivery.editPrompt(id, b.id, 'B').content).toBe('B');
    expect(drain()).toEqual(['prompt.edited queue']);
    expect(delivery.reorderQueue(id, [c.id, b.id, a.id]).map((i) => i.content)).toEqual(['c', 'B', 'a']);
    expect(drain()).toEqual(['queue.reordered queue']);
    expect(() => delivery.reorderQueue(id, [c.id, a.id])).toThrow(/queue changed/);
    expect(delivery.deletePrompt(id, a.id).id).toBe(a.id);
    expect(drain()).toEqual(['prompt.removed session queue']);
    const taken = await delivery.wait(thread, { timeoutMs: 50 });
    taken.handoff?.confirm();
    expect(() => delivery.editPrompt(id, c.id, 'no')).toThrow(/already handed/);
    expect(() => delivery.deletePrompt(id, c.id)).toThrow(/already handed/);
    expect(() => delivery.editPrompt(id, 'nope' as PromptId, 'x')).toThrow(/not found/);
    for (let i = store.prompts.countQueued(id); i < QUEUE_LIMIT; i++) delivery.queue(id, `p${i}`);
    expect(() => delivery.queue(id, 'one too many')).toThrow(/already has 100 queued/);
  });

  it('rename, markRead and clearTimeline', () => {
    const { id, thread } = attachedIn('RUNNING');
    delivery.conclude(thread, 'answer');
    expect(delivery.summary(id).unread).toBe(true);
    drain();
    expect(delivery.markRead(id).unread).toBe(false);
    expect(delivery.rename(id, 'New name')).toMatchObject({ title: 'New name', titleSource: 'user' });
    delivery.clearTimeline(id);
    expect(drain()).toEqual(['session.read session', 'session.renamed session', 'timeline.cleared session']);
    expect(store.timeline.list(id)).toEqual([]);
  });

  it('delete removes the rows and emits session.deleted; later calls say the session is gone', () => {
    const { id } = attachedIn('RUNNING');
    delivery.delete(id);
    expect(drain()).toEqual(['session.deleted']);
    expect(() => delivery.summary(id)).toThrow(/was not found/);
    expect(() => delivery.stop(id)).toThrow(/was not found/);
  });

  it('attachments: named uniquely when added, carried without the stored name, removed', () => {
    const { id } = attachedIn('RUNNING');
    const input = { sessionId: id, wantedName: 'shot.png', mimeType: 'image/png', sizeBytes: 3 };
    const one = delivery.addAttachment({ ...input, id: 'a1a1a1a1-0000-4000-8000-000000000001' as AttachmentId, storedName: 'x1.png' });
    const two = delivery.addAttachment({ ...input, id: 'a1a1a1a1-0000-4000-8000-000000000002' as AttachmentId, storedName: 'x2.png' });
    expect([one.name, two.name]).toEqual(['shot.png', 'shot (2).png']);
    const [, last] = changes;
    expect(drain()).toEqual(['attachments.changed session attachments', 'attachments.changed session attachments']);
    expect(last?.attachments?.map((a) => a.name)).toEqual(['shot.png', 'shot (2).png']);
    expect(last?.attachments?.every((a) => !('storedName' in a))).toBe(true);
    delivery.removeAttachment(id, one.id);
    expect(changes[0]?.attachments?.map((a) => a.name)).toEqual(['shot (2).png']);
    expect(() => delivery.removeAttachment(id, one.id)).toThrow(/not found/);
  });

  it('rolloutLocated stores a new path once', () => {
    const { id } = attachedIn('RUNNING');
    delivery.rolloutLocated(id, '/codex/sessions/r.jsonl');
    delivery.rolloutLocated(id, '/codex/sessions/r.jsonl');
    expect(drain()).toEqual(['rollout.located session']);
    expect(delivery.summary(id).rolloutPath).toBe('/codex/sessions/r.jsonl');
  });

  it('drive mode: create, claim, confirm, start, bind the thread, wait for a slot, settle', () => {
    const created = delivery.createDriven({ title: undefined, cwd: '/work' }, (sessionId) => {
      store.events.record(sessionId, 'session.created', { kind: 'driven' });
    });
    expect(created).toMatchObject({ kind: 'driven', title: 'New Codex session', titleSource: 'default', cwd: '/work', threadId: null });
    const id = created.id;
    delivery.queue(id, 'build it');
    expect(drain()).toEqual(['session.created session', 'prompt.queued session queue']);
    const claim = delivery.claimForDrive(id);
    expect(claim?.prompt.text).toBe('build it');
    expect(delivery.claimForDrive(id)).toBeNull();
    claim?.handoff.confirm();
    delivery.turnStarted(id);
    const thread = newThread();
    delivery.bindThread(id, thread, { turnId: 't1' });
    expect(delivery.sessionIdByThread(thread)).toBe(id);
    delivery.waitingForSlot(id, 'Waiting: 4 Codex turns are already running.');
    expect(delivery.summary(id).statusDetail).toBe('Waiting: 4 Codex turns are already running.');
    const settled = delivery.settleDrivenTurn(id, 'failed', 'Codex could not be started');
    expect(settled).toMatchObject({ status: 'ERROR', statusDetail: 'Codex could not be started' });
    expect(store.prompts.get(claim?.prompt.id as PromptId)?.state).toBe('delivered');
    expect(drain()).toEqual([
      'prompt.claimed queue',
      'prompt.handed session queue entry',
      'turn.started session',
      'thread.bound session',
      'turn.waiting_for_slot session',
      'turn.settled session queue',
    ]);
  });

  it('a hand-off left handing by a crash is requeued when Delivery starts', () => {
    const { id } = attachedIn('RUNNING');
    const queued = delivery.queue(id, 'claimed by a turn that never started');
    expect(delivery.claimForDrive(id)).not.toBeNull();
    expect(store.prompts.get(queued.id)?.state).toBe('handing');
    new Delivery(store);
    expect(store.prompts.get(queued.id)?.state).toBe('queued');
  });
});
