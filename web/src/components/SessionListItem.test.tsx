// @vitest-environment happy-dom
// A sidebar row paints without the exact time's tooltip, whose first locale formatting is slow, and gets it after.
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fullTime } from '../lib/time.js';
import { sessionSummary } from '../test/sessionSummary.js';
import { SessionListItem } from './SessionListItem.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const session = sessionSummary('s1', {
  title: 'Task 1',
  status: 'WAITING_FOR_INSTRUCTION',
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  lastActivityAt: '2026-01-01T10:00:00.000Z',
  latestConclusion: 'Finished task 1.',
});

describe('SessionListItem', () => {
  it('renders without formatting a date the locale’s way, and carries the exact time as its tooltip after the first frame', async () => {
    const formatted = vi.spyOn(Date.prototype, 'toLocaleString');
    const now = Date.parse('2026-01-01T10:05:00.000Z');
    const view = render(
      <ul>
        <SessionListItem session={session} selected={false} now={now} onOpen={() => {}} index={0} measure={() => {}} />
      </ul>,
    );
    const time = view.container.querySelector('time') as HTMLTimeElement;
    expect(time.textContent).toBe('5 min ago');
    expect(formatted).not.toHaveBeenCalled();
    expect(time.hasAttribute('title')).toBe(false);
    await waitFor(() => expect(time.getAttribute('title')).toBe(fullTime(session.lastActivityAt)));
    expect(time.getAttribute('title')).not.toBe('');
  });
});
