// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { OpenInTerminal } from './OpenInTerminal.js';

const base = { threadId: '01a231ee-1acc-7c10-88ff-ab9b525195c3', kind: 'attached', live: null } as unknown as SessionSummary;
const live = (originator: string) => ({ status: 'idle', turnId: null, model: null, originator, pendingApprovals: 0, updatedAt: '' });

afterEach(cleanup);

describe('OpenInTerminal', () => {
  it('gives the resume command, with a copy button, for a session Codex Pro Max runs', () => {
    for (const session of [
      { ...base, kind: 'driven' },
      { ...base, live: live('codex-pro-max') },
    ] as SessionSummary[]) {
      render(<OpenInTerminal session={session} />);
      expect(screen.getByText(`codex resume ${base.threadId}`)).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Copy the command' })).toBeTruthy();
      cleanup();
    }
  });

  it('shows nothing for a terminal session or a session with no thread yet', () => {
    const { container } = render(<OpenInTerminal session={{ ...base, live: live('codex-tui') } as SessionSummary} />);
    expect(container.textContent).toBe('');
    const none = render(<OpenInTerminal session={{ ...base, kind: 'driven', threadId: null } as SessionSummary} />);
    expect(none.container.textContent).toBe('');
  });
});
