// The sidebar filter: the same answers as a plain search of the whole list for every query typed and taken back,
// whatever it reuses from earlier queries.
import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { sessionSummary } from '../test/sessionSummary.js';
import { matchesFilter, SessionFilter } from './sidebarFilter.js';

const summary = (i: number, extra: Partial<SessionSummary> = {}): SessionSummary =>
  sessionSummary(`s${i}`, {
    title: `Task ${i}`,
    status: i % 2 === 0 ? 'RUNNING' : 'WAITING_FOR_INSTRUCTION',
    latestConclusion: `Finished task ${i}: the parser keeps positions.`,
    cwd: `/work/repo-${i % 7}`,
    ...extra,
  });

const list = Array.from({ length: 300 }, (_, i) => summary(i));
const plain = (sessions: SessionSummary[], q: string) => sessions.filter((s) => matchesFilter(s, q));

/** Every prefix of each query as typed, then each one taken back key by key, as the sidebar sees them. */
function keystrokes(queries: string[]): string[] {
  const seen: string[] = [];
  for (const q of queries) {
    for (let n = 1; n <= q.length; n++) seen.push(q.slice(0, n));
    for (let n = q.length - 1; n >= 0; n--) seen.push(q.slice(0, n));
  }
  return seen;
}

describe('the sidebar filter', () => {
  it('answers every query typed and taken back as a search of the whole list would, in the list order', () => {
    const filter = new SessionFilter();
    for (const q of keystrokes(['task 12', 'finished', 'REPO-3', 'waiting', 'zzz', ' Task 2 '])) {
      expect(filter.apply(list, q).map((s) => s.id)).toEqual(plain(list, q).map((s) => s.id));
    }
  });

  it('answers a query that is part of an earlier one from the whole list, not from that one’s answer', () => {
    const filter = new SessionFilter();
    for (const q of ['task 12', 'ask 1', '12', 'positions', 'pos', 'repo-3', 'o-3']) {
      expect(filter.apply(list, q).map((s) => s.id)).toEqual(plain(list, q).map((s) => s.id));
    }
  });

  it('starts afresh for a new list: a session changed meanwhile is matched by its new text', () => {
    const filter = new SessionFilter();
    expect(filter.apply(list, 'renamed')).toEqual([]);
    const changed = list.map((s, i) => (i === 5 ? { ...s, title: 'Renamed one' } : s));
    expect(filter.apply(changed, 'renamed').map((s) => s.id)).toEqual(['s5']);
  });

  it('matches case-insensitively within one field, never across two', () => {
    const s = summary(1, { title: 'Alpha', latestConclusion: 'beta' });
    expect(matchesFilter(s, 'ALPHA')).toBe(true);
    expect(matchesFilter(s, 'waiting for you')).toBe(true);
    expect(matchesFilter(s, 'alphabeta')).toBe(false);
    expect(new SessionFilter().apply([s], '')).toEqual([s]);
  });
});
