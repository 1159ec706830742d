// The History list as a pure model: one group per project, most recently used first, each holding the sessions loaded
// so far (newest first) and a cursor for the next page. Rows for the virtualised list stop at the first group that is
// not fully loaded, so loading more only ever adds rows below what the person sees and nothing above them moves.
import type { HistoryProjectSummary, HistorySession } from '../../../src/shared/history.js';

export interface Group {
  project: HistoryProjectSummary;
  sessions: HistorySession[];
  /** The next page's cursor; null before the first page and after the last. */
  cursor: string | null;
  started: boolean;
  done: boolean;
  /** Sessions of this project matching the filters, once the first page said. */
  total: number | null;
  collapsed: boolean;
}

export type Row =
  | { kind: 'header'; key: string; group: Group }
  | { kind: 'session'; key: string; group: Group; session: HistorySession }
  | { kind: 'more'; key: string; group: Group };

export function groupsOf(projects: HistoryProjectSummary[]): Group[] {
  return projects.map((project) => ({ project, sessions: [], cursor: null, started: false, done: false, total: null, collapsed: false }));
}

/** Rows to show: each group's header and sessions, ending with a "more" row at the first group still loading. */
export function rowsOf(groups: readonly Group[]): Row[] {
  const rows: Row[] = [];
  for (const group of groups) {
    if (group.done && group.sessions.length === 0) continue; // nothing in it matches the filters
    const key = group.project.key;
    rows.push({ kind: 'header', key: `h:${key}`, group });
    if (group.collapsed) continue;
    for (const session of group.sessions) rows.push({ kind: 'session', key: `s:${session.threadId}`, group, session });
    if (!group.done) {
      rows.push({ kind: 'more', key: `m:${key}`, group });
      break;
    }
  }
  return rows;
}

/** The group the next page should be loaded for: the one holding the "more" row. */
export function nextToLoad(groups: readonly Group[]): Group | null {
  const more = rowsOf(groups).at(-1);
  return more?.kind === 'more' ? more.group : null;
}

/** Adds a loaded page to its group (a page for a cursor the group has moved past is ignored). */
export function withPage(
  groups: readonly Group[],
  key: string,
  asked: string | null,
  page: { sessions: HistorySession[]; nextCursor: string | null; total: number },
): Group[] {
  return groups.map((g) => {
    if (g.project.key !== key || g.done || g.cursor !== asked || (asked === null && g.started)) return g;
    const seen = new Set(g.sessions.map((s) => s.threadId));
    const fresh = page.sessions.filter((s) => !seen.has(s.threadId));
    return {
      ...g,
      sessions: [...g.sessions, ...fresh],
      cursor: page.nextCursor,
      started: true,
      done: page.nextCursor === null,
      total: page.total,
    };
  });
}

export function toggled(groups: readonly Group[], key: string): Group[] {
  return groups.map((g) => (g.project.key === key ? { ...g, collapsed: !g.collapsed } : g));
}

const newestFirst = (a: HistorySession, b: HistorySession) => b.updatedAtIso.localeCompare(a.updatedAtIso);

/**
 * A history.changed push: removed sessions leave; changed ones are replaced where they are and re-sorted in their
 * group; new ones join a group that has started loading when they are newer than its oldest loaded row (older ones
 * arrive with a later page). With `filtered`, only removals apply: a changed session may no longer match.
 */
export function withChanges(groups: readonly Group[], upserted: HistorySession[], removed: string[], filtered: boolean): Group[] {
  const gone = new Set(removed);
  const byProject = new Map<string, HistorySession[]>();
  if (!filtered) for (const s of upserted) byProject.set(s.project.key, [...(byProject.get(s.project.key) ?? []), s]);
  const moved = new Set(filtered ? [] : upserted.map((s) => s.threadId));
  return groups.map((g) => {
    const incoming = byProject.get(g.project.key) ?? [];
    const kept = g.sessions.filter((s) => !gone.has(s.threadId) && !moved.has(s.threadId));
    if (kept.length === g.sessions.length && incoming.length === 0) return g;
    const oldest = g.sessions.at(-1)?.updatedAtIso ?? '';
    const joining = incoming.filter((s) => g.started && (g.done || s.updatedAtIso >= oldest));
    const sessions = [...kept, ...joining].sort(newestFirst);
    const delta = sessions.length - g.sessions.length;
    return { ...g, sessions, total: g.total === null ? null : Math.max(0, g.total + delta) };
  });
}
