// Which sessions a session carried on (context grooming): one row per source, in the order the person picked them. A
// source is a session of ours, a thread History knows, or both; its title is kept so the link still reads after the
// source session is deleted (its id then becomes null).
import type { ContextForm, ContextLink, NamedSource } from '../shared/context.js';
import { type Db, nowIso, type Sql, statements } from './db.js';

interface LinkRow {
  session_id: string;
  session_title: string;
  position: number;
  form: ContextForm;
  source_session_id: string | null;
  source_thread_id: string | null;
  source_title: string;
  created_at: string;
}

const SELECT = `SELECT l.*, s.title AS session_title FROM context_links l JOIN sessions s ON s.id = l.session_id`;

/** Carried-on sessions listed for one source, newest first, at most this many. */
const CARRIED_ON_LIMIT = 50;

export class ContextLinkRepo {
  private readonly sql: Sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  add(sessionId: string, form: ContextForm, sources: NamedSource[]): void {
    const at = nowIso();
    for (const [position, s] of sources.entries()) {
      this.sql(
        `INSERT INTO context_links (session_id, position, form, source_session_id, source_thread_id, source_title, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(sessionId, position, form, s.sessionId, s.threadId, s.title, at);
    }
  }

  /** Where `sessionId` was carried from; null for a session started afresh. */
  carriedFrom(sessionId: string): ContextLink | null {
    const rows = this.sql(`${SELECT} WHERE l.session_id = ? ORDER BY l.position`).all(sessionId) as LinkRow[];
    return toLink(rows);
  }

  /** The sessions that carried on the session or thread given (either may be null). */
  carriedOn(sessionId: string | null, threadId: string | null): ContextLink[] {
    const ids = this.sql(
      `SELECT session_id, MAX(created_at) AS at FROM context_links
       WHERE source_session_id = ? OR source_thread_id = ? GROUP BY session_id ORDER BY at DESC LIMIT ${CARRIED_ON_LIMIT}`,
    ).all(sessionId, threadId) as { session_id: string }[];
    return ids.map((r) => this.carriedFrom(r.session_id)).filter((l): l is ContextLink => l !== null);
  }
}

function toLink(rows: LinkRow[]): ContextLink | null {
  const first = rows[0];
  if (!first) return null;
  return {
    sessionId: first.session_id,
    sessionTitle: first.session_title,
    form: first.form,
    createdAt: first.created_at,
    sources: rows.map((r) => ({ sessionId: r.source_session_id, threadId: r.source_thread_id, title: r.source_title })),
  };
}
