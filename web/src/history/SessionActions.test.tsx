// @vitest-environment happy-dom
// The actions on a History session: Watch only for a live one (Open session for one Codex Pro Max knows otherwise),
// Open in terminal shows and copies `codex resume <id>`, Continue here posts the prompt and opens the session it went to.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { SessionActions } from './SessionActions.js';

const THREAD = '01a2318e-e1b5-75d1-a56c-408f84ad2775';
const SESSION = '51c06825-63a2-4d4a-9683-b347af79fd9a';
const summary = (live: SessionSummary['live']): SessionSummary =>
  ({
    id: SESSION,
    threadId: THREAD,
    kind: 'attached',
    title: 'Loop',
    titleSource: 'codex',
    status: 'RUNNING',
    statusDetail: null,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    lastActivityAt: '2026-12-01T00:00:00.000Z',
    latestConclusion: null,
    unread: false,
    queuedCount: 0,
    attachmentCount: 0,
    rolloutPath: null,
    cwd: '/w',
    presence: 'unknown',
    live,
  }) as SessionSummary;
const liveInfo = (status: 'working' | 'closed') => ({
  status,
  turnId: null,
  model: null,
  originator: null,
  pendingApprovals: 0,
  updatedAt: '2026-12-01T00:00:00.000Z',
});

let posted: unknown[] = [];
beforeEach(() => {
  posted = [];
  location.hash = '';
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      posted.push([url, init?.method, init?.body]);
      return new Response(JSON.stringify({ ok: true, session: summary(null) }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('History session actions', () => {
  it('offers Watch for a live session, Open session for a known idle one, neither for a thread only History knows', () => {
    const { rerender } = render(<SessionActions threadId={THREAD} session={null} known={summary(liveInfo('working'))} />);
    expect(screen.getByRole('button', { name: 'Watch' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Watch' }));
    expect(location.hash).toBe(`#/s/${SESSION}`);
    rerender(<SessionActions threadId={THREAD} session={null} known={summary(liveInfo('closed'))} />);
    expect(screen.queryByRole('button', { name: 'Watch' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Open session' })).toBeTruthy();
    rerender(<SessionActions threadId={THREAD} session={null} known={undefined} />);
    expect(screen.queryByRole('button', { name: 'Watch' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Open session' })).toBeNull();
  });

  it('Open in terminal shows the resume command with a copy button', () => {
    render(<SessionActions threadId={THREAD} session={null} known={undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open in terminal' }));
    expect(screen.getByText(`codex resume ${THREAD}`)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy the command' })).toBeTruthy();
  });

  it('Continue here posts the prompt for the thread and opens the session it went to', async () => {
    render(<SessionActions threadId={THREAD} session={null} known={undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Continue here' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Prompt that continues this session' }), { target: { value: 'go on' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    });
    await vi.waitFor(() => expect(location.hash).toBe(`#/s/${SESSION}`));
    expect(posted).toEqual([[`/api/history/threads/${THREAD}/continue`, 'POST', JSON.stringify({ prompt: 'go on' })]]);
  });
});
