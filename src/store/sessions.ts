// Session rows: the thread binding, title and status. Summaries join in the counts the sidebar shows.
import { randomUUID } from 'node:crypto';
import type { SessionId, ThreadId } from '../shared/ids.js';
import type { LiveInfo } from '../shared/live.js';
import type { Presence, SessionKind, SessionStatus, SessionSummary } from '../shared/schemas.js';
import { type Db, nowIso, type Sql, statements } from './db.js';

type TitleSource = SessionSummary['titleSource'];

interface SessionRow {
  id: string;
  thread_id: string | null;
  kind: SessionKind;
  title: string;
  title_source: TitleSource;
  status: SessionStatus;
  status_detail: string | null;
  stop_acknowledged: number;
  rollout_path: string | null;
  cwd: string | null;
  live_json: string | null;
  created_at: string;
  updated_at: string;
  last_activity_at: string;
  last_conclusion_at: string | null;
  last_read_at: string | null;
  latest_conclusion: string | null;
  queued_count: number;
  attachment_count: number;
}

const PREVIEW_CHARS = 400;

/** Where a page of the session list ends: the sort key of its last session. */
export interface SessionCursor {
  lastActivityAt: string;
  createdAt: string;
  id: string;
}

// Each count and the latest conclusion is one index seek per session (timeline_conclusions, prompts_queue, the
// attachments' unique key); measured at 1,001 sessions, this beat joining grouped aggregates, which read every prompt
// and attachment row. The preview is cut in SQL, so a long conclusion never reaches JavaScript whole.
const SUMMARY_SELECT = `
  SELECT s.*,
    (SELECT substr(content, 1, ${PREVIEW_CHARS}) FROM timeline t WHERE t.session_id = s.id AND t.role = 'codex' ORDER BY seq DESC LIMIT 1)
      AS latest_conclusion,
    (SELECT COUNT(*) FROM prompts i WHERE i.session_id = s.id AND i.state = 'queued') AS queued_count,
    (SELECT COUNT(*) FROM attachments a WHERE a.session_id = s.id) AS attachment_count
  FROM sessions s`;
// One string, not one built per call: the statement cache hashes its key on every lookup.
const SUMMARY_BY_ID = `${SUMMARY_SELECT} WHERE s.id = ?`;

function toSummary(row: SessionRow, presence: Presence): SessionSummary {
  return {
    id: row.id as SessionId,
    threadId: row.thread_id as ThreadId | null,
    kind: row.kind,
    title: row.title,
    titleSource: row.title_source,
    status: row.status,
    statusDetail: row.status_detail,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastActivityAt: row.last_activity_at,
    latestConclusion: row.latest_conclusion,
    unread: row.last_conclusion_at !== null && (row.last_read_at === null || row.last_read_at < row.last_conclusion_at),
    queuedCount: row.queued_count,
    attachmentCount: row.attachment_count,
    rolloutPath: row.rollout_path,
    cwd: row.cwd,
    presence,
    live: row.live_json === null ? null : (JSON.parse(row.live_json) as LiveInfo),
  };
}

export interface SessionFlags {
  status: SessionStatus;
  statusDetail: string | null;
  stopAcknowledged: boolean;
  kind: SessionKind;
  titleSource: TitleSource;
}

export class SessionRepo {
  /** Not in SQLite: presence describes processes alive now, so a fresh start knows nothing (absent means unknown). */
  private readonly presence = new Map<string, Presence>();

  private readonly sql: Sql;
  // Every hand-off reads a session's flags a dozen times (status rules, presence, titles). They change only through
  // the writes below, which drop the entry; it is filled only outside a transaction, so a rolled-back write never
  // leaves a value that was not committed.
  private readonly flagCache = new Map<string, Readonly<SessionFlags>>();
  // Every Codex call names its thread; a thread's session changes only when one is bound or deleted (both clear it).
  private readonly threadCache = new Map<string, SessionId>();

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  create(input: {
    threadId: ThreadId | null;
    kind: SessionKind;
    title: string;
    titleSource: TitleSource;
    status: SessionStatus;
    cwd?: string | null;
  }): SessionId {
    const id = randomUUID() as SessionId;
    const now = nowIso();
    this.sql(
      `INSERT INTO sessions (id, thread_id, kind, title, title_source, status, cwd, created_at, updated_at, last_activity_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.threadId, input.kind, input.title, input.titleSource, input.status, input.cwd ?? null, now, now, now);
    return id;
  }

  summary(id: SessionId): SessionSummary | null {
    const row = this.sql(SUMMARY_BY_ID).get(id) as SessionRow | undefined;
    return row ? toSummary(row, this.presenceOf(id)) : null;
  }

  list(): SessionSummary[] {
    return this.page().sessions;
  }

  /**
   * The sessions after `after` (a cursor from an earlier page; absent: from the most recent), at most `limit` of them
   * (absent: all), by key on (last activity, creation, id) so a page costs what its rows cost, however many follow.
   */
  page(limit?: number, after?: SessionCursor): { sessions: SessionSummary[]; next: SessionCursor | null } {
    const where = after ? 'WHERE (s.last_activity_at, s.created_at, s.id) < (?, ?, ?)' : '';
    const take = limit === undefined ? '' : 'LIMIT ?';
    const params: (string | number)[] = after ? [after.lastActivityAt, after.createdAt, after.id] : [];
    if (limit !== undefined) params.push(limit + 1);
    const rows = this.sql(`${SUMMARY_SELECT} ${where} ORDER BY s.last_activity_at DESC, s.created_at DESC, s.id DESC ${take}`).all(
      ...params,
    ) as SessionRow[];
    const more = limit !== undefined && rows.length > limit;
    if (more) rows.pop();
    const last = rows.at(-1);
    return {
      sessions: rows.map((row) => toSummary(row, this.presenceOf(row.id as SessionId))),
      next: more && last ? { lastActivityAt: last.last_activity_at, createdAt: last.created_at, id: last.id } : null,
    };
  }

  idByThread(threadId: ThreadId): SessionId | null {
    const cached = this.threadCache.get(threadId);
    if (cached) return cached;
    const row = this.sql('SELECT id FROM sessions WHERE thread_id = ?').get(threadId) as { id: string } | undefined;
    if (!row) return null;
    if (!this.db.inTransaction) this.threadCache.set(threadId, row.id as SessionId);
    return row.id as SessionId;
  }

  flags(id: SessionId): Readonly<SessionFlags> | null {
    const cached = this.flagCache.get(id);
    if (cached) return cached;
    const row = this.sql('SELECT status, status_detail, stop_acknowledged, kind, title_source FROM sessions WHERE id = ?').get(id) as
      | { status: SessionStatus; status_detail: string | null; stop_acknowledged: number; kind: SessionKind; title_source: TitleSource }
      | undefined;
    if (!row) return null;
    const flags = Object.freeze({
      status: row.status,
      statusDetail: row.status_detail,
      stopAcknowledged: row.stop_acknowledged === 1,
      kind: row.kind,
      titleSource: row.title_source,
    });
    if (!this.db.inTransaction) this.flagCache.set(id, flags);
    return flags;
  }

  presenceOf(id: SessionId): Presence {
    return this.presence.get(id) ?? 'unknown';
  }

  setPresence(id: SessionId, presence: Presence): void {
    if (presence === 'unknown') this.presence.delete(id);
    else this.presence.set(id, presence);
  }

  /** Becomes driven: Codex Pro Max runs the thread's next turns itself, in `cwd`. */
  setDriven(id: SessionId, cwd: string): void {
    this.flagCache.delete(id);
    this.sql("UPDATE sessions SET kind = 'driven', cwd = ?, updated_at = ? WHERE id = ?").run(cwd, nowIso(), id);
  }

  setStatus(id: SessionId, status: SessionStatus, detail: string | null = null): void {
    this.flagCache.delete(id);
    const now = nowIso();
    this.sql(
      `UPDATE sessions SET status = ?, status_detail = ?, updated_at = ?, last_activity_at = ?,
           stop_acknowledged = CASE WHEN ? = 'STOPPED' AND status != 'STOPPED' THEN 0 ELSE stop_acknowledged END
         WHERE id = ?`,
    ).run(status, detail, now, now, status, id);
  }

  acknowledgeStop(id: SessionId): void {
    this.flagCache.delete(id);
    this.sql('UPDATE sessions SET stop_acknowledged = 1 WHERE id = ?').run(id);
  }

  setTitle(id: SessionId, title: string, source: TitleSource): void {
    this.flagCache.delete(id);
    this.sql('UPDATE sessions SET title = ?, title_source = ?, updated_at = ? WHERE id = ?').run(title, source, nowIso(), id);
  }

  bindThread(id: SessionId, threadId: ThreadId): void {
    this.threadCache.clear();
    this.sql('UPDATE sessions SET thread_id = ?, updated_at = ? WHERE id = ?').run(threadId, nowIso(), id);
  }

  /** The live side as the daemon last reported it; null once the thread is no longer one we know live. */
  setLive(id: SessionId, live: LiveInfo | null): void {
    this.sql('UPDATE sessions SET live_json = ? WHERE id = ?').run(live === null ? null : JSON.stringify(live), id);
  }

  /** Sessions with a live side, for closing them all when the daemon connection is lost or the server starts. */
  withLive(): SessionId[] {
    return (this.sql('SELECT id FROM sessions WHERE live_json IS NOT NULL').pluck().all() as string[]).map((id) => id as SessionId);
  }

  setRolloutPath(id: SessionId, path: string | null): void {
    this.sql('UPDATE sessions SET rollout_path = ? WHERE id = ?').run(path, id);
  }

  touch(id: SessionId): void {
    const now = nowIso();
    this.sql('UPDATE sessions SET updated_at = ?, last_activity_at = ? WHERE id = ?').run(now, now, id);
  }

  markConcluded(id: SessionId, at: string): void {
    this.sql('UPDATE sessions SET last_conclusion_at = ? WHERE id = ?').run(at, id);
  }

  markRead(id: SessionId): void {
    this.sql('UPDATE sessions SET last_read_at = ? WHERE id = ?').run(nowIso(), id);
  }

  delete(id: SessionId): boolean {
    this.presence.delete(id);
    this.flagCache.delete(id);
    this.threadCache.clear();
    return this.sql('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
  }
}
