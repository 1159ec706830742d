// @vitest-environment happy-dom
// The sidebar's list with thousands of sessions: a render that changes no row (another session selected, a keystroke
// the filtered list has not caught up with) does not walk the whole list again.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionId } from '../../../src/shared/ids.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { sessionSummary } from '../test/sessionSummary.js';
import { Sidebar } from './Sidebar.js';

afterEach(cleanup);

const COUNT = 5000;

/** Sessions whose ids count how often they are read: the virtualiser reads every row's key when it lays the list out. */
function countedSessions(): { sessions: SessionSummary[]; reads: () => number } {
  let reads = 0;
  const sessions = Array.from({ length: COUNT }, (_, i) => {
    const s = sessionSummary(`s${i}`, { title: `Task ${i}`, status: 'WAITING_FOR_INSTRUCTION', latestConclusion: `Finished task ${i}.` });
    Object.defineProperty(s, 'id', {
      enumerable: true,
      get: () => {
        reads++;
        return `s${i}`;
      },
    });
    return s;
  });
  return { sessions, reads: () => reads };
}

const props = (sessions: SessionSummary[], selectedId: SessionId | null) => ({
  sessions,
  selectedId,
  connection: 'live' as const,
  open: false,
  onClose: () => {},
  onSelect: () => {},
  settings: null,
});

describe('Sidebar', () => {
  it('renders again without laying out every row when the rows are the same', () => {
    const { sessions, reads } = countedSessions();
    const view = render(<Sidebar {...props(sessions, null)} />);
    const before = reads();
    // The first render laid out all of them.
    expect(before).toBeGreaterThanOrEqual(COUNT);
    view.rerender(<Sidebar {...props(sessions, 's3' as SessionId)} />);
    expect(reads() - before).toBeLessThan(100);
  });
});
