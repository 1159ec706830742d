// The History list model: rows stop at the first group still loading (so loading more never moves what is above),
// pages join their group once, empty groups under filters vanish, and pushes replace, move and drop rows in place.
import { describe, expect, it } from 'vitest';
import type { HistoryProjectSummary, HistorySession } from '../../../src/shared/history.js';
import { groupsOf, nextToLoad, rowsOf, toggled, withChanges, withPage } from './groups.js';

const project = (key: string): HistoryProjectSummary => ({
  key,
  label: key,
  kind: 'git',
  sessions: 2,
  updatedAtIso: '2026-12-01T00:00:00Z',
});
const session = (threadId: string, key: string, at: string): HistorySession => ({
  threadId,
  title: threadId,
  threadName: null,
  firstPrompt: null,
  cwd: `/${key}`,
  project: { key, label: key, kind: 'git' },
  codexHome: '/h',
  rolloutPath: `/h/${threadId}`,
  archived: false,
  originator: 'terminal',
  originatorRaw: null,
  model: null,
  cliVersion: null,
  createdAtIso: at,
  updatedAtIso: at,
  turns: 1,
  tokens: null,
  sizeBytes: 1,
  sessionId: null,
});
const kinds = (rows: ReturnType<typeof rowsOf>) => rows.map((r) => r.key);

describe('History groups', () => {
  it('shows one group at a time until it is fully loaded, then the next', () => {
    let g = groupsOf([project('a'), project('b')]);
    expect(kinds(rowsOf(g))).toEqual(['h:a', 'm:a']);
    expect(nextToLoad(g)?.project.key).toBe('a');
    g = withPage(g, 'a', null, { sessions: [session('1', 'a', '2026-12-03')], nextCursor: 'c1', total: 2 });
    expect(kinds(rowsOf(g))).toEqual(['h:a', 's:1', 'm:a']);
    // The same first page again (a double load) changes nothing.
    expect(withPage(g, 'a', null, { sessions: [session('1', 'a', '2026-12-03')], nextCursor: 'c1', total: 2 })).toEqual(g);
    g = withPage(g, 'a', 'c1', { sessions: [session('2', 'a', '2026-12-02')], nextCursor: null, total: 2 });
    expect(kinds(rowsOf(g))).toEqual(['h:a', 's:1', 's:2', 'h:b', 'm:b']);
    g = withPage(g, 'b', null, { sessions: [], nextCursor: null, total: 0 });
    expect(kinds(rowsOf(g))).toEqual(['h:a', 's:1', 's:2']);
    expect(nextToLoad(g)).toBeNull();
    expect(kinds(rowsOf(toggled(g, 'a')))).toEqual(['h:a']);
  });

  it('pushes replace and re-sort a session, add a newer one, drop a removed one', () => {
    let g = groupsOf([project('a')]);
    g = withPage(g, 'a', null, { sessions: [session('1', 'a', '2026-12-03'), session('2', 'a', '2026-12-02')], nextCursor: 'c', total: 5 });
    g = withChanges(g, [session('2', 'a', '2026-12-04'), session('3', 'a', '2026-12-05'), session('old', 'a', '2020-01-01')], ['1'], false);
    expect(g[0]?.sessions.map((s) => s.threadId)).toEqual(['3', '2']);
    expect(g[0]?.total).toBe(5);
    // With filters on, a changed session may no longer match: only the removal applies.
    const filtered = withChanges(g, [session('9', 'a', '2027-01-01')], ['3'], true);
    expect(filtered[0]?.sessions.map((s) => s.threadId)).toEqual(['2']);
  });
});
