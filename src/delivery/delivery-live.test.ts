// Delivery's intents for live threads (the Codex daemon), for taking over a thread whose Codex has gone, for a prompt
// queued while no Codex is there, and for a session carried on from others: a real SQLite store and a recording
// subscriber (delivery-kit.ts), no HTTP. Each intent, the one change it emits, and the status-table rows it reaches
// (delivery.test.ts has the rest).
import { describe, expect, it } from 'vitest';
import { freshDeliveryKit, STATUSES, THREAD_PREFIX } from '../../test/helpers/delivery-kit.js';
import type { SessionId, ThreadId } from '../shared/ids.js';
import type { Approval, LiveInfo } from '../shared/live.js';
import type { SessionStatus } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import type { SessionChange } from './changes.js';
import type { Delivery } from './delivery.js';
import { QUEUED_NOT_CONNECTED } from './presence.js';

let store: Store;
let delivery: Delivery;
let changes: SessionChange[];
let newThread: () => ThreadId;
let drain: () => string[];
let attachedIn: (status: SessionStatus) => { id: SessionId; thread: ThreadId };
freshDeliveryKit((kit) => {
  ({ store, delivery, changes, newThread, drain, attachedIn } = kit);
});
const statusOf = (id: SessionId) => delivery.summary(id).status;
const live = (over: Partial<LiveInfo> = {}): LiveInfo => ({
  status: 'working',
  turnId: 'turn-1',
  model: 'gpt-5',
  originator: 'codex-tui',
  pendingApprovals: 0,
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

describe('status table rows reached through the live and presence intents', () => {
  const cases: [string, (s: { id: SessionId; thread: ThreadId }) => unknown, Record<SessionStatus, SessionStatus>][] = [
    [
      'liveChanged turn_started',
      (s) => delivery.liveChanged(s.id, live(), 'turn_started'),
      { RUNNING: 'RUNNING', WAITING_FOR_INSTRUCTION: 'RUNNING', STOPPED: 'RUNNING', ERROR: 'RUNNING' },
    ],
    [
      'liveChanged turn_completed',
      (s) => delivery.liveChanged(s.id, live({ status: 'idle', turnId: null }), 'turn_completed'),
      {
        RUNNING: 'WAITING_FOR_INSTRUCTION',
        WAITING_FOR_INSTRUCTION: 'WAITING_FOR_INSTRUCTION',
        STOPPED: 'STOPPED',
        ERROR: 'WAITING_FOR_INSTRUCTION',
      },
    ],
    [
      'liveChanged failed',
      (s) => delivery.liveChanged(s.id, live({ status: 'error', turnId: null }), 'failed'),
      { RUNNING: 'ERROR', WAITING_FOR_INSTRUCTION: 'ERROR', STOPPED: 'ERROR', ERROR: 'ERROR' },
    ],
    [
      'liveChanged with no turn event',
      (s) => delivery.liveChanged(s.id, live({ status: 'needs_approval', pendingApprovals: 1 })),
      { RUNNING: 'RUNNING', WAITING_FOR_INSTRUCTION: 'WAITING_FOR_INSTRUCTION', STOPPED: 'STOPPED', ERROR: 'ERROR' },
    ],
    [
      'liveDeliveryFailed (prompt_queued with a detail)',
      (s) => delivery.liveDeliveryFailed(s.id, 'the daemon went away'),
      { RUNNING: 'RUNNING', WAITING_FOR_INSTRUCTION: 'WAITING_FOR_INSTRUCTION', STOPPED: 'RUNNING', ERROR: 'ERROR' },
    ],
    [
      'queue while Codex is gone (prompt_queued_unheard)',
      (s) => {
        delivery.codexGone(s.thread, 'stdin_closed');
        delivery.queue(s.id, 'typed after Codex left');
      },
      { RUNNING: 'RUNNING', WAITING_FOR_INSTRUCTION: 'WAITING_FOR_INSTRUCTION', STOPPED: 'STOPPED', ERROR: 'ERROR' },
    ],
  ];
  for (const [name, act, expected] of cases) {
    it.each(STATUSES)(`${name} from %s`, (from) => {
      const session = attachedIn(from);
      act(session);
      expect(statusOf(session.id)).toBe(expected[from]);
    });
  }
});

describe('live-thread intents and the one change each emits', () => {
  it('liveThreadSeen creates a session for a thread it has not seen: titled by Codex, status from the live side', () => {
    const working = newThread();
    const created = delivery.liveThreadSeen(working, { title: 'Fix the flaky test', cwd: '/repo', live: live() });
    expect(created).toMatchObject({
      kind: 'attached',
      threadId: working,
      title: 'Fix the flaky test',
      titleSource: 'codex',
      status: 'RUNNING',
      cwd: '/repo',
      live: live(),
    });
    const idle = delivery.liveThreadSeen(newThread(), { title: null, cwd: null, live: live({ status: 'idle', turnId: null }) });
    expect(idle).toMatchObject({ titleSource: 'default', status: 'WAITING_FOR_INSTRUCTION' });
    expect(idle.title).toBe(`Codex thread ${THREAD_PREFIX}`);
    expect(drain()).toEqual(['live.seen session', 'live.seen session']);
    expect(store.events.list(created.id).at(-1)).toMatchObject({ type: 'session.created', payload: { threadId: working, live: true } });
  });

  it('liveThreadSeen on a known thread updates its live side; a Codex title replaces a default but not a name the person gave', () => {
    const { id, thread } = attachedIn('WAITING_FOR_INSTRUCTION');
    const seen = delivery.liveThreadSeen(thread, { title: 'Named by Codex', cwd: '/elsewhere', live: live() });
    expect(seen).toMatchObject({ id, title: 'Named by Codex', titleSource: 'codex', status: 'WAITING_FOR_INSTRUCTION', live: live() });
    delivery.rename(id, 'Mine');
    drain();
    expect(delivery.liveThreadSeen(thread, { title: 'Another', cwd: null, live: live({ pendingApprovals: 2 }) })).toMatchObject({
      title: 'Mine',
      titleSource: 'user',
      live: { pendingApprovals: 2 },
    });
    expect(drain()).toEqual(['live.changed session']);
    expect(store.sessions.list()).toHaveLength(1);
  });

  it('liveChanged stores the live side; a turn that ends delivers what it was handed and carries the queue', async () => {
    const { id, thread } = attachedIn('RUNNING');
    const prompt = delivery.queue(id, 'do it');
    const outcome = await delivery.wait(thread, { timeoutMs: 50 });
    outcome.handoff?.confirm();
    drain();
    delivery.liveChanged(id, live(), 'turn_started');
    expect(store.prompts.get(prompt.id)?.state).toBe('handed');
    delivery.liveChanged(id, live({ status: 'idle', turnId: null }), 'turn_completed');
    expect(store.prompts.get(prompt.id)?.state).toBe('delivered');
    expect(delivery.summary(id).live).toEqual(live({ status: 'idle', turnId: null }));
    delivery.liveChanged(id, null);
    expect(delivery.summary(id).live).toBeNull();
    expect(drain()).toEqual(['live.changed session', 'live.changed session queue', 'live.changed session']);
  });

  it('liveSessions lists sessions with a live side; liveClosed closes one once and leaves the rest alone', () => {
    const { id } = attachedIn('RUNNING');
    const other = attachedIn('RUNNING').id;
    expect(delivery.liveSessions()).toEqual([]);
    delivery.liveChanged(id, live({ pendingApprovals: 1 }));
    drain();
    expect(delivery.liveSessions()).toEqual([id]);
    delivery.liveClosed(id);
    expect(delivery.summary(id).live).toMatchObject({ status: 'closed', turnId: null, pendingApprovals: 0, model: 'gpt-5' });
    delivery.liveClosed(id);
    delivery.liveClosed(other);
    expect(drain()).toEqual(['live.changed session']);
    expect(delivery.summary(other).live).toBeNull();
  });

  it('livePromptSeen names a session from its prompt only while nothing better has named it', () => {
    const { id, thread } = attachedIn('RUNNING');
    delivery.livePromptSeen(id, '   ');
    expect(drain()).toEqual([]);
    delivery.livePromptSeen(id, 'Make the build green');
    expect(delivery.summary(id)).toMatchObject({ title: 'Make the build green', titleSource: 'prompt' });
    delivery.livePromptSeen(id, 'A later prompt');
    expect(delivery.summary(id).title).toBe('Make the build green');
    expect(drain()).toEqual(['session.renamed session']);
    delivery.attach(thread, 'Codex named it');
    drain();
    delivery.livePromptSeen(id, 'Yet another prompt');
    expect(delivery.summary(id)).toMatchObject({ title: 'Codex named it', titleSource: 'codex' });
    expect(drain()).toEqual([]);
  });

  it('liveDeliveryFailed says why the prompt waits, and keeps it first in the queue', () => {
    const { id } = attachedIn('WAITING_FOR_INSTRUCTION');
    delivery.liveDeliveryFailed(id, 'the daemon went away');
    expect(delivery.summary(id).statusDetail).toBe(
      'Codex did not take the prompt yet (the daemon went away). It stays first in the queue.',
    );
    expect(drain()).toEqual(['live.changed session']);
  });

  it('approvalChanged emits the approval alone, without reading or changing the session', () => {
    const { id, thread } = attachedIn('RUNNING');
    const before = delivery.summary(id);
    const approval: Approval = {
      id: 'ap-1',
      sessionId: id,
      threadId: thread,
      turnId: 'turn-1',
      kind: 'command',
      title: 'Run npm test',
      command: 'npm test',
      cwd: '/repo',
      reason: null,
      diff: null,
      choices: [{ id: 'accept', label: 'Run it', tone: 'accept' }],
      questions: [],
      formSchema: null,
      state: 'open',
      answer: null,
      createdAt: '2026-12-01T10:00:00.000Z',
      closedAt: null,
    };
    delivery.approvalChanged(approval);
    expect(changes).toEqual([{ type: 'approval.changed', sessionId: id, approval }]);
    expect(delivery.summary(id)).toEqual(before);
  });
});

describe('taking over a thread whose Codex has gone', () => {
  it('takeOver makes the session driven in the folder, with its settings stored in the same transaction', () => {
    const { id, thread } = attachedIn('WAITING_FOR_INSTRUCTION');
    delivery.codexGone(thread, 'parent_exited');
    drain();
    const taken = delivery.takeOver(id, '/repo', (sessionId) => store.events.record(sessionId, 'drive.settings', { by: 'test' }));
    expect(taken).toMatchObject({
      id,
      kind: 'driven',
      cwd: '/repo',
      threadId: thread,
      presence: 'unknown',
      status: 'WAITING_FOR_INSTRUCTION',
    });
    expect(drain()).toEqual(['session.taken_over session']);
    expect(store.events.list(id).map((e) => e.type)).toEqual(expect.arrayContaining(['drive.settings', 'session.taken_over']));
  });

  it('a setUp that throws leaves the session attached and emits nothing', () => {
    const { id } = attachedIn('RUNNING');
    expect(() =>
      delivery.takeOver(id, '/repo', () => {
        throw new Error('settings refused');
      }),
    ).toThrow('settings refused');
    expect(delivery.summary(id)).toMatchObject({ kind: 'attached', cwd: null });
    expect(drain()).toEqual([]);
  });

  it('a prompt queued while Codex is gone says so and leaves the status as it was', () => {
    const { id, thread } = attachedIn('WAITING_FOR_INSTRUCTION');
    delivery.codexGone(thread, 'stdin_closed');
    drain();
    delivery.queue(id, 'for later');
    expect(delivery.summary(id)).toMatchObject({ status: 'WAITING_FOR_INSTRUCTION', statusDetail: QUEUED_NOT_CONNECTED });
    expect(drain()).toEqual(['prompt.queued session queue']);
  });
});

describe('carrying a session on from others', () => {
  it('carriedOn stores the link and emits it alone; an unknown session is refused and nothing is stored', () => {
    const from = attachedIn('WAITING_FOR_INSTRUCTION');
    const created = delivery.createDriven({ title: 'Carried on', cwd: '/repo' }, () => {});
    drain();
    const sources = [{ sessionId: from.id, threadId: from.thread, title: `Codex thread ${THREAD_PREFIX}` }];
    const link = delivery.carriedOn(created.id, 'verbatim', sources);
    expect(link).toMatchObject({ sessionId: created.id, sessionTitle: 'Carried on', form: 'verbatim', sources });
    expect(changes).toEqual([{ type: 'context.carried', sessionId: created.id, carried: link }]);
    expect(store.events.list(created.id).at(-1)).toMatchObject({ type: 'context.carried', payload: { form: 'verbatim', sources } });
    drain();
    expect(() => delivery.carriedOn('no-such-session' as SessionId, 'fork', sources)).toThrow();
    expect(store.contextLinks.carriedFrom('no-such-session')).toBeNull();
    expect(drain()).toEqual([]);
  });
});
