// An append-only audit log of what happened to each session, readable through the API.
import type { SessionId } from '../shared/ids.js';
import { type Db, nowIso, type Sql, statements } from './db.js';

export interface SessionEvent {
  id: number;
  sessionId: string;
  type: string;
  payload: unknown;
  createdAt: string;
}

export class EventLog {
  private readonly sql: Sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  record(sessionId: SessionId, type: string, payload: Record<string, unknown> = {}): void {
    this.sql('INSERT INTO session_events (session_id, type, payload_json, created_at) VALUES (?, ?, ?, ?)').run(
      sessionId,
      type,
      JSON.stringify(payload),
      nowIso(),
    );
  }

  list(sessionId: SessionId, limit = 500): SessionEvent[] {
    const rows = this.sql('SELECT * FROM session_events WHERE session_id = ? ORDER BY id DESC LIMIT ?').all(sessionId, limit) as {
      id: number;
      session_id: string;
      type: string;
      payload_json: string;
      created_at: string;
    }[];
    return rows
      .reverse()
      .map((r) => ({ id: r.id, sessionId: r.session_id, type: r.type, payload: JSON.parse(r.payload_json), createdAt: r.created_at }));
  }
}
