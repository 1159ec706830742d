// Answers History's questions from the index on the server's thread: the session list (newest first, filtered, paged
// by key), one session, the projects, and search (FTS5 with bm25, boosted by recency). Reads only: the worker is the
// one writer. Each query is a few milliseconds of SQLite, bounded by the page size.
import type { HistoryFilterQuery, HistoryHit, HistoryProjectSummary, HistorySearchQuery, HistorySession } from '../shared/history.js';
import { HISTORY_PAGE_HITS, HISTORY_PAGE_SESSIONS } from '../shared/history.js';
import { type Sql, statements } from '../store/statements.js';
import { DOC_FIELDS, type HistoryDb, type SessionFactColumns } from './db.js';
import { searchExpressions } from './query.js';
import { fold, type Matcher, matcherFor, snippetOf } from './snippet.js';

export interface FileRecord extends SessionFactColumns {
  id: number;
  path: string;
  home: string;
  archived: number;
  size: number;
  thread_id: string | null;
  cwd: string | null;
  project_key: string;
  project_label: string;
  project_kind: 'git' | 'folder' | 'none';
  originator: HistorySession['originator'];
}

/** Finds our own session bound to a thread, when there is one. */
export type SessionLookup = (threadId: string) => string | null;

const COLUMNS = `f.id, f.path, f.home, f.archived, f.size, f.thread_id, f.cwd, f.project_key, f.project_label, f.project_kind,
  f.originator, f.originator_raw, f.cli_version, f.model, f.created_ms, f.updated_ms, f.turns, f.tokens, f.first_prompt, f.thread_name`;
/** How much a doc's age weighs against its text relevance: a month-old match counts about 3/4 of a new one. */
const RECENCY_DAYS = 30;
/** How many of the newest matching records a search ranks (and so how far its pages reach). */
export const CANDIDATES = 1_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export class HistoryReader {
  /** A prepared statement, kept: the filters make only a few shapes of each query. */
  private readonly stmt: Sql;

  constructor(
    private readonly db: HistoryDb,
    private readonly sessionOf: SessionLookup = () => null,
    private readonly now: () => number = Date.now,
  ) {
    this.stmt = statements(db);
  }

  list(query: HistoryFilterQuery): { sessions: HistorySession[]; total: number; nextCursor: string | null } {
    const limit = query.limit ?? HISTORY_PAGE_SESSIONS;
    const { where, params } = filters(query);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM files f WHERE ${where}`).get(...params) as { n: number }).n;
    const after = decodeKeyCursor(query.cursor);
    const keyed = after ? `${where} AND (f.updated_ms < ? OR (f.updated_ms = ? AND f.id < ?))` : where;
    const keyParams = after ? [...params, after.updated, after.updated, after.id] : params;
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM files f WHERE ${keyed} ORDER BY f.updated_ms DESC, f.id DESC LIMIT ?`)
      .all(...keyParams, limit + 1) as FileRecord[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      sessions: page.map((r) => this.session(r)),
      total,
      nextCursor: rows.length > limit && last ? encodeKeyCursor(last.updated_ms, last.id) : null,
    };
  }

  byThread(threadId: string): HistorySession | null {
    const row = this.db
      .prepare(`SELECT ${COLUMNS} FROM files f WHERE f.thread_id = ? ORDER BY f.archived ASC, f.updated_ms DESC LIMIT 1`)
      .get(threadId) as FileRecord | undefined;
    return row ? this.session(row) : null;
  }

  byIds(ids: readonly number[]): HistorySession[] {
    return this.rows(ids).map((r) => this.session(r));
  }

  private rows(ids: readonly number[]): FileRecord[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM files f WHERE f.id IN (${ids.map(() => '?').join(',')}) ORDER BY f.updated_ms DESC`)
      .all(...ids) as FileRecord[];
  }

  projects(): HistoryProjectSummary[] {
    const rows = this.db
      .prepare(
        `SELECT project_key AS key, project_label AS label, project_kind AS kind, count(*) AS sessions, max(updated_ms) AS updated
         FROM files GROUP BY project_key ORDER BY updated DESC`,
      )
      .all() as { key: string; label: string; kind: 'git' | 'folder' | 'none'; sessions: number; updated: number }[];
    return rows.map((r) => ({
      key: r.key,
      label: r.label,
      kind: r.kind,
      sessions: r.sessions,
      updatedAtIso: new Date(r.updated).toISOString(),
    }));
  }

  search(query: HistorySearchQuery): { hits: HistoryHit[]; sessions: HistorySession[]; nextCursor: string | null } {
    const expressions = searchExpressions(query.q, query.field);
    if (!expressions) return { hits: [], sessions: [], nextCursor: null };
    const limit = query.limit ?? HISTORY_PAGE_HITS;
    const offset = decodeOffsetCursor(query.cursor);
    const { where, params } = filters(query);
    // Ranking every match of a common word would cost time in proportion to the corpus (FTS5's bm25 reads a term's
    // whole document list for its weight: 50 ms for a word in 160,000 records), so the newest CANDIDATES matching
    // records (rowids grow with time: the first build reads day folders in order, appends come later) are scored
    // here, BM25-like on their text with weights from the candidates themselves, times a recency boost.
    const joinFiles = where !== '1';
    const candidatesOf = this.stmt(
      `SELECT a.rowid AS rowid, coalesce(a.title, a.prompts, a.messages, a.commands, a.files, '') AS text,
         a.file_id, a.field, a.turn, a.turn_id, a.offset, a.ordinal, a.at_ms
       FROM docs JOIN doc_at a ON a.rowid = docs.rowid ${joinFiles ? 'JOIN files f ON f.id = a.file_id' : ''}
       WHERE docs MATCH ? AND ${where}
       ORDER BY docs.rowid DESC LIMIT ${CANDIDATES}`,
    );
    // A word still being typed is a prefix, unless the word as typed already fills the candidates: then its longer
    // forms could only push some of its own matches out, and gathering them would cost more than the rest.
    const exactLast =
      expressions.exact !== null &&
      (
        this.stmt(
          `SELECT count(*) AS n FROM (SELECT a.rowid FROM docs JOIN doc_at a ON a.rowid = docs.rowid ${joinFiles ? 'JOIN files f ON f.id = a.file_id' : ''}
           WHERE docs MATCH ? AND ${where} ORDER BY docs.rowid DESC LIMIT ${CANDIDATES})`,
        ).get(expressions.exact, ...params) as { n: number }
      ).n >= CANDIDATES;
    const candidates = candidatesOf.all(exactLast ? expressions.exact : expressions.match, ...params) as Candidate[];
    const matcher = matcherFor(query.q, exactLast);
    const ranked = rank(candidates, matcher, this.now());
    const page = ranked.slice(offset, offset + limit);
    const sessions = new Map<number, HistorySession>();
    for (const row of this.rows([...new Set(page.map((r) => r.file_id))])) sessions.set(row.id, this.session(row));
    const hits: HistoryHit[] = [];
    for (const r of page) {
      const session = sessions.get(r.file_id);
      if (!session) continue;
      hits.push({
        threadId: session.threadId,
        field: DOC_FIELDS[r.field] ?? 'messages',
        turnIndex: r.turn,
        turnId: r.turn_id,
        offset: r.offset,
        ordinal: r.ordinal,
        atIso: iso(r.at_ms),
        snippet: snippetOf(r.text, matcher),
        score: Math.round(r.score * 1000) / 1000,
      });
    }
    return { hits, sessions: [...sessions.values()], nextCursor: ranked.length > offset + limit ? String(offset + limit) : null };
  }

  session(r: FileRecord): HistorySession {
    const threadId = r.thread_id ?? r.path;
    const prompt = r.first_prompt ? r.first_prompt.replace(/\s+/g, ' ').trim() : null;
    return {
      threadId,
      title: r.thread_name ?? (prompt ? (prompt.length > 80 ? `${prompt.slice(0, 79)}…` : prompt) : 'Untitled session'),
      threadName: r.thread_name,
      firstPrompt: r.first_prompt,
      cwd: r.cwd,
      project: { key: r.project_key, label: r.project_label, kind: r.project_kind },
      codexHome: r.home,
      rolloutPath: r.path,
      archived: r.archived === 1,
      originator: r.originator,
      originatorRaw: r.originator_raw,
      model: r.model,
      cliVersion: r.cli_version,
      createdAtIso: iso(r.created_ms),
      updatedAtIso: new Date(r.updated_ms).toISOString(),
      turns: r.turns,
      tokens: r.tokens,
      sizeBytes: r.size,
      sessionId: r.thread_id ? this.sessionOf(r.thread_id) : null,
    };
  }
}

interface Candidate {
  rowid: number;
  text: string;
  file_id: number;
  field: number;
  turn: number;
  turn_id: string | null;
  offset: number;
  ordinal: number | null;
  at_ms: number | null;
}

/** How much a match in each field (DOC_FIELDS order) counts: the thread's name most, then what the person typed. */
const FIELD_WEIGHT = [3, 1.3, 1, 1, 1];

/**
 * BM25 over the candidates (k1 1.2, b 0.75; document frequencies counted among them), times a boost that falls from
 * 2× for a record written now towards 1× with age (half way at RECENCY_DAYS). Highest first.
 */
export function rank(candidates: Candidate[], m: Matcher, now: number): (Candidate & { score: number })[] {
  const terms = [...m.exact, ...m.prefixes];
  const counts = candidates.map((c) => {
    const lower = fold(c.text);
    // Length in words, as BM25 counts it: characters would rank a longer word below a shorter one.
    return { lower, words: occurrences(lower, ' ') + 1, tf: terms.map((t) => occurrences(lower, t)) };
  });
  const n = candidates.length;
  const avgLen = counts.reduce((sum, c) => sum + c.words, 0) / Math.max(1, n);
  const idf = terms.map((_, i) => {
    const df = counts.filter((c) => (c.tf[i] ?? 0) > 0).length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  return candidates
    .map((c, k) => {
      const { words, tf } = counts[k] as { words: number; tf: number[] };
      const norm = 1.2 * (0.25 + (0.75 * words) / Math.max(1, avgLen));
      let text = 0;
      tf.forEach((f, i) => {
        text += ((idf[i] ?? 0) + 0.1) * ((f * 2.2) / (f + norm));
      });
      const age = Math.max(0, now - (c.at_ms ?? now)) / 86_400_000;
      return { ...c, score: text * (FIELD_WEIGHT[c.field] ?? 1) * (1 + 1 / (1 + age / RECENCY_DAYS)) };
    })
    .sort((a, b) => b.score - a.score || b.rowid - a.rowid);
}

function occurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

function filters(q: HistoryFilterQuery): { where: string; params: (string | number)[] } {
  const parts = ['1'];
  const params: (string | number)[] = [];
  if (q.project && q.project.length > 0) {
    parts.push(`f.project_key IN (${q.project.map(() => '?').join(',')})`);
    params.push(...q.project);
  }
  if (q.originator && q.originator.length > 0) {
    parts.push(`f.originator IN (${q.originator.map(() => '?').join(',')})`);
    params.push(...q.originator);
  }
  if (q.from) {
    parts.push('f.updated_ms >= ?');
    params.push(Date.parse(q.from));
  }
  if (q.to) {
    parts.push('f.updated_ms < ?');
    params.push(Date.parse(q.to));
  }
  if (q.archived === 'exclude') parts.push('f.archived = 0');
  else if (q.archived === 'only') parts.push('f.archived = 1');
  return { where: parts.join(' AND '), params };
}

function encodeKeyCursor(updated: number, id: number): string {
  return Buffer.from(`${updated}:${id}`).toString('base64url');
}

function decodeKeyCursor(cursor: string | undefined): { updated: number; id: number } | null {
  if (!cursor) return null;
  const [u, i] = Buffer.from(cursor, 'base64url').toString('utf8').split(':').map(Number);
  return Number.isFinite(u) && Number.isFinite(i) ? { updated: u as number, id: i as number } : null;
}

function decodeOffsetCursor(cursor: string | undefined): number {
  const n = Number(cursor ?? 0);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
