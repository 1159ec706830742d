// @vitest-environment happy-dom
// The live-thread UI against a stubbed fetch and the tab's push bus: the transcript keeps pushes that land while its
// history loads and pages back with `before`; approval cards show every choice, post the answer, leave when a push
// closes them and say "Already answered in the terminal" on approval_closed; the composer offers steer or queue;
// the daemon banner shows only when the service is not running.
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import { createRef, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionId } from '../../../src/shared/ids.js';
import type { Approval, DaemonStatus, LiveInfo, LiveTurn } from '../../../src/shared/live.js';
import type { PushMessage } from '../../../src/shared/push.js';
import type { ActivityItem } from '../../../src/shared/rollout.js';
import { Composer, type LiveComposer } from '../components/Composer.js';
import { pushBus } from '../lib/pushBus.js';
import { ApprovalList } from './ApprovalList.js';
import { DaemonBanner } from './DaemonBanner.js';
import { LiveChip } from './LiveChip.js';
import { useLiveTranscript } from './useLiveTranscript.js';

const S = 's1' as SessionId;
const msg = (id: string, text: string): ActivityItem => ({ id, atIso: null, kind: 'message', text });
const turn = (id: string, items: ActivityItem[]): LiveTurn => ({ id, status: 'in_progress', items, error: null });

interface Call {
  url: string;
  method: string;
  body: unknown;
  release: (body: unknown, status?: number) => void;
}
let calls: Call[] = [];
const callTo = (path: string, method = 'GET') => calls.find((c) => c.url === path && c.method === method);

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(
      (url: string, init?: RequestInit) =>
        new Promise<Response>((resolve) => {
          calls.push({
            url,
            method: init?.method ?? 'GET',
            body: init?.body ? JSON.parse(String(init.body)) : undefined,
            release: (body, status = 200) => resolve(new Response(JSON.stringify(body), { status })),
          });
        }),
    ),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const push = (m: PushMessage) => act(() => pushBus.emit(m));
const until = async (path: string, method = 'GET') => {
  await waitFor(() => expect(callTo(path, method)).toBeDefined());
  return callTo(path, method) as Call;
};

describe('useLiveTranscript', () => {
  it('replays a delta and an item that land while the history loads, then applies pushes at once', async () => {
    const { result } = renderHook(() => useLiveTranscript(S));
    const history = await until('/api/sessions/s1/live/history');
    push({ type: 'live.delta', sessionId: 's1', turnId: 't2', itemId: 'm2', text: 'Stream' });
    push({ type: 'live.item', sessionId: 's1', turnId: 't1', item: msg('m1', 'done whole') });
    history.release({ ok: true, history: { turns: [turn('t1', [msg('m1', 'do')])], before: null } });
    await waitFor(() => expect(result.current.view.turns.map((t) => t.id)).toEqual(['t1', 't2']));
    expect(result.current.view.turns[0]?.items).toEqual([msg('m1', 'done whole')]);
    push({ type: 'live.delta', sessionId: 's1', turnId: 't2', itemId: 'm2', text: 'ing' });
    expect(result.current.view.turns[1]?.items).toEqual([msg('m2', 'Streaming')]);
  });

  it('"Show earlier" asks for the page before the oldest shown and puts it in front', async () => {
    const { result } = renderHook(() => useLiveTranscript(S));
    (await until('/api/sessions/s1/live/history')).release({ ok: true, history: { turns: [turn('t3', [])], before: 'c3' } });
    await waitFor(() => expect(result.current.view.before).toBe('c3'));
    act(() => {
      void result.current.showEarlier();
    });
    (await until('/api/sessions/s1/live/history?before=c3')).release({
      ok: true,
      history: { turns: [turn('t1', []), turn('t2', [])], before: null },
    });
    await waitFor(() => expect(result.current.view.turns.map((t) => t.id)).toEqual(['t1', 't2', 't3']));
    expect(result.current.view.before).toBeNull();
  });
});

const approval = (over: Partial<Approval> = {}): Approval => ({
  id: 'ap1',
  sessionId: 's1',
  threadId: 'th',
  turnId: 't1',
  kind: 'command',
  title: 'Run the tests',
  command: 'npm test',
  cwd: '/work/app',
  reason: 'Needs network',
  diff: null,
  choices: [
    { id: 'decline', label: 'Decline', tone: 'decline' },
    { id: 'cancel', label: 'Cancel the turn', tone: 'neutral' },
    { id: 'accept', label: 'Run it', tone: 'accept' },
    { id: 'acceptForSession', label: 'Always in this session', tone: 'accept' },
  ],
  questions: [],
  formSchema: null,
  state: 'open',
  answer: null,
  createdAt: '2026-12-01T00:00:00Z',
  closedAt: null,
  ...over,
});

async function openCards(approvals: Approval[]) {
  render(<ApprovalList sessionId={S} />);
  (await until('/api/sessions/s1/approvals')).release({ ok: true, approvals });
}

describe('ApprovalList', () => {
  it('shows the command, folder and reason, with every choice as a button, accepting ones first', async () => {
    await openCards([approval()]);
    const card = await screen.findByRole('article', { name: 'Approval: Run the tests' });
    expect(card.textContent).toContain('$ npm test');
    expect(card.textContent).toContain('/work/app');
    expect(card.textContent).toContain('Needs network');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Run it',
      'Always in this session',
      'Cancel the turn',
      'Decline',
    ]);
  });

  it('posts the chosen answer, and the card leaves when the push says the approval closed', async () => {
    await openCards([approval()]);
    fireEvent.click(await screen.findByRole('button', { name: 'Always in this session' }));
    const post = await until('/api/approvals/ap1', 'POST');
    expect(post.body).toEqual({ choice: 'acceptForSession' });
    post.release({ ok: true, approval: approval({ state: 'answered', answer: 'acceptForSession' }) });
    expect(screen.queryByRole('article')).not.toBeNull();
    push({ type: 'approval.changed', sessionId: 's1', approval: approval({ state: 'answered' }) });
    expect(screen.queryByRole('article')).toBeNull();
  });

  it('closes when answered elsewhere, even before the load lands', async () => {
    render(<ApprovalList sessionId={S} />);
    const load = await until('/api/sessions/s1/approvals');
    push({ type: 'approval.changed', sessionId: 's1', approval: approval({ state: 'resolved_elsewhere' }) });
    load.release({ ok: true, approvals: [approval()] });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.queryByRole('article')).toBeNull();
  });

  it('on approval_closed says it was answered in the terminal and sends nothing more', async () => {
    await openCards([approval()]);
    fireEvent.click(await screen.findByRole('button', { name: 'Run it' }));
    (await until('/api/approvals/ap1', 'POST')).release({ ok: false, error: 'Already answered.', code: 'approval_closed' }, 409);
    expect(await screen.findByText('Already answered in the terminal.')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Run it' })).toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('shows the diff of a file change, and sends the answers of a question form', async () => {
    await openCards([
      approval({ id: 'ap2', kind: 'file_change', title: 'Edit app.ts', command: null, diff: '--- a/app.ts\n+++ b/app.ts\n-old\n+new' }),
      approval({
        id: 'ap3',
        kind: 'user_input',
        title: 'Two questions',
        command: null,
        choices: [{ id: 'submit', label: 'Send answers', tone: 'accept' }],
        questions: [
          {
            id: 'q1',
            header: 'Target',
            question: 'Which branch?',
            options: [
              { label: 'main', description: '' },
              { label: 'dev', description: 'the next release' },
            ],
            secret: false,
            other: true,
          },
          { id: 'q2', header: '', question: 'Why?', options: [], secret: false },
        ],
      }),
    ]);
    const diff = await screen.findByText('+new');
    expect(diff.className).toBe('diff-add');
    fireEvent.click(screen.getByRole('radio', { name: /dev/ }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Why?' }), { target: { value: 'to test it' } });
    // An option chosen, then words of one's own instead: the words are the answer.
    fireEvent.change(screen.getByRole('textbox', { name: 'Or in your own words' }), { target: { value: 'release/2' } });
    expect((screen.getByRole('radio', { name: /dev/ }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Send answers' }));
    const post = await until('/api/approvals/ap3', 'POST');
    expect(post.body).toEqual({ choice: 'submit', answers: { q1: ['release/2'], q2: ['to test it'] } });
  });

  it('an MCP elicitation form shows one field per property and sends typed content, once the required ones are filled', async () => {
    await openCards([
      approval({
        kind: 'elicitation',
        title: 'docs asks: Where to publish?',
        command: null,
        choices: [
          { id: 'accept', label: 'Send', tone: 'accept' },
          { id: 'decline', label: 'Decline', tone: 'decline' },
        ],
        formSchema: {
          type: 'object',
          properties: {
            name: { type: 'string', title: 'Page name' },
            copies: { type: 'integer', title: 'Copies', default: 1 },
            public: { type: 'boolean', title: 'Make it public' },
            site: {
              type: 'string',
              title: 'Site',
              oneOf: [
                { const: 'eu', title: 'Europe' },
                { const: 'us', title: 'America' },
              ],
            },
            tags: { type: 'array', title: 'Tags', items: { enum: ['draft', 'docs'] } },
            note: { type: 'string', title: 'Note' },
          },
          required: ['name', 'site'],
        },
      }),
    ]);
    expect(screen.queryByRole('textbox', { name: 'Your answer, as JSON' })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Fill in “Page name”.')).not.toBeNull();
    fireEvent.change(screen.getByRole('textbox', { name: /Page name/ }), { target: { value: ' Release notes ' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: /Copies/ }), { target: { value: '2.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('“Copies” needs a whole number.')).not.toBeNull();
    fireEvent.change(screen.getByRole('spinbutton', { name: /Copies/ }), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Make it public/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'Europe' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'docs' }));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await until('/api/approvals/ap1', 'POST')).body).toEqual({
      choice: 'accept',
      content: { name: 'Release notes', copies: 3, public: true, site: 'eu', tags: ['docs'] },
    });
  });

  it('an elicitation whose schema is not a flat MCP form sends its JSON content, and refuses JSON that does not parse', async () => {
    await openCards([
      approval({
        kind: 'elicitation',
        title: 'The tool needs a name',
        command: null,
        choices: [
          { id: 'accept', label: 'Send', tone: 'accept' },
          { id: 'decline', label: 'Decline', tone: 'decline' },
        ],
        formSchema: { type: 'object', properties: { name: { type: 'object', properties: { first: { type: 'string' } } } } },
      }),
    ]);
    const editor = await screen.findByRole('textbox', { name: 'Your answer, as JSON' });
    fireEvent.change(editor, { target: { value: '{"name": ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText(/not valid JSON/)).not.toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    fireEvent.change(editor, { target: { value: '{"name": {"first": "Ada"}}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await until('/api/approvals/ap1', 'POST')).body).toEqual({ choice: 'accept', content: { name: { first: 'Ada' } } });
  });
});

function LiveComposerHarness({ live, onSend }: { live: LiveComposer; onSend: (t: string) => Promise<boolean> }) {
  const [draft, setDraft] = useState('');
  return (
    <Composer
      status="RUNNING"
      draft={draft}
      setDraft={setDraft}
      textareaRef={createRef()}
      attachments={[]}
      slashPrompts={[]}
      hint={null}
      uploads={[]}
      onDismissUpload={() => {}}
      onSend={onSend}
      onFiles={() => {}}
      live={live}
    />
  );
}

describe('Composer for a live thread', () => {
  const type = (value: string) => fireEvent.change(screen.getByRole('combobox', { name: 'Prompt' }), { target: { value } });
  it('while a turn runs: "Steer now" steers and "Queue for next turn" (or Ctrl+Enter) queues', async () => {
    const onSteer = vi.fn(async () => true);
    const onSend = vi.fn(async () => true);
    render(<LiveComposerHarness live={{ working: true, closed: false, onSteer }} onSend={onSend} />);
    type('look at the logs first');
    fireEvent.click(screen.getByRole('button', { name: /Steer now/ }));
    await waitFor(() => expect(onSteer).toHaveBeenCalledWith('look at the logs first'));
    expect(onSend).not.toHaveBeenCalled();
    type('then fix it');
    fireEvent.click(screen.getByRole('button', { name: /Queue for next turn/ }));
    await waitFor(() => expect(onSend).toHaveBeenCalledWith('then fix it'));
    type('and commit');
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Prompt' }), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(onSend).toHaveBeenCalledWith('and commit'));
    expect(onSteer).toHaveBeenCalledTimes(1);
  });

  it('when idle or closed: one "Send" button that queues', () => {
    const onSteer = vi.fn(async () => true);
    render(<LiveComposerHarness live={{ working: false, closed: true, onSteer }} onSend={async () => true} />);
    expect(screen.queryByRole('button', { name: /Steer now/ })).toBeNull();
    expect(screen.getByRole('button', { name: /^Send$/ })).not.toBeNull();
    expect(screen.getByRole('combobox', { name: 'Prompt' }).getAttribute('placeholder')).toMatch(/terminal was closed/);
  });
});

const daemon = (state: DaemonStatus['state']): DaemonStatus => ({
  state,
  socketPath: '/home/me/.codex/app-server-control/app-server-control.sock',
  message: '',
  startCommand: state === 'not_running' ? 'codex app-server daemon start' : null,
  watchedThreads: 0,
});

describe('DaemonBanner', () => {
  it('shows the start button and the command when the service is not running, and leaves once it runs', async () => {
    render(<DaemonBanner />);
    (await until('/api/live/daemon')).release({ ok: true, daemon: daemon('not_running') });
    expect((await screen.findByRole('status')).textContent).toMatch(/background service is not running.*codex app-server daemon start/);
    fireEvent.click(screen.getByRole('button', { name: 'Start it' }));
    (await until('/api/live/daemon/start', 'POST')).release({ ok: true, daemon: daemon('connected') });
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    push({ type: 'daemon.changed', daemon: daemon('not_running') });
    expect(screen.queryByRole('status')).not.toBeNull();
  });

  it('says so when the service is there but does not answer (crashed), with the restart command and the start button', async () => {
    render(<DaemonBanner />);
    const stale: DaemonStatus = { ...daemon('disconnected'), startCommand: 'codex app-server daemon restart' };
    (await until('/api/live/daemon')).release({ ok: true, daemon: stale });
    expect((await screen.findByRole('status')).textContent).toMatch(/does not answer.*codex app-server daemon restart/);
    fireEvent.click(screen.getByRole('button', { name: 'Start it' }));
    (await until('/api/live/daemon/start', 'POST')).release({ ok: true, daemon: daemon('connected') });
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  });

  it('hides when the person closes it, and stays hidden when the service stops again', async () => {
    render(<DaemonBanner />);
    (await until('/api/live/daemon')).release({ ok: true, daemon: daemon('not_running') });
    await screen.findByRole('status');
    fireEvent.click(screen.getByRole('button', { name: 'Hide this message' }));
    expect(screen.queryByRole('status')).toBeNull();
    push({ type: 'daemon.changed', daemon: daemon('connected') });
    push({ type: 'daemon.changed', daemon: daemon('not_running') });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says nothing when connected, unsupported, or when the server has no live routes', async () => {
    render(<DaemonBanner />);
    (await until('/api/live/daemon')).release({ ok: true, daemon: daemon('unsupported') });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.queryByRole('status')).toBeNull();
    push({ type: 'daemon.changed', daemon: daemon('connected') });
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('LiveChip', () => {
  const live = (status: LiveInfo['status'], pendingApprovals = 0): LiveInfo => ({
    status,
    turnId: null,
    model: 'gpt-5',
    originator: 'codex-tui',
    pendingApprovals,
    updatedAt: '',
  });
  it.each([
    ['working', 0, 'Working'],
    ['needs_approval', 2, 'Needs approval2'],
    ['idle', 0, 'Waiting for you'],
    ['closed', 0, 'Terminal closed'],
    ['error', 0, 'Error'],
  ] as const)('%s → %s, with who started it', (status, n, text) => {
    const { container } = render(<LiveChip live={live(status, n)} />);
    expect(container.querySelector('.live-chip')?.textContent).toBe(text);
    expect(container.querySelector('.live-origin')?.textContent).toBe('terminal');
  });
});
