// The readable conversation: the prompts Codex received and the conclusions it handed back, in one order.
import { randomUUID } from 'node:crypto';
import type { PromptId, SessionId } from '../shared/ids.js';
import type { TimelineEntry } from '../shared/schemas.js';
import { type Db, nowIso, type Sql, statements } from './db.js';

interface TimelineRow {
  seq: number;
  id: string;
  session_id: string;
  role: 'user' | 'codex';
  content: string;
  prompt_id: string | null;
  created_at: string;
}

const toEntry = (r: TimelineRow): TimelineEntry => ({
  id: r.id,
  sessionId: r.session_id as SessionId,
  seq: r.seq,
  role: r.role,
  content: r.content,
  createdAt: r.created_at,
  promptId: r.prompt_id as PromptId | null,
});

export class TimelineRepo {
  private readonly sql: Sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /**
   * Appends an entry; one already recorded for the same prompt, or with the same sender's request id, is returned
   * as null, never doubled.
   */
  append(
    sessionId: SessionId,
    role: 'user' | 'codex',
    content: string,
    promptId: PromptId | null = null,
    requestId: string | null = null,
  ): TimelineEntry | null {
    const id = randomUUID();
    const result = this.sql(
      `INSERT OR IGNORE INTO timeline (id, session_id, role, content, prompt_id, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, sessionId, role, content, promptId, requestId, nowIso());
    if (result.changes === 0) return null;
    return toEntry(this.sql('SELECT * FROM timeline WHERE id = ?').get(id) as TimelineRow);
  }

  byRequestId(sessionId: SessionId, requestId: string): TimelineEntry | null {
    const row = this.sql('SELECT * FROM timeline WHERE session_id = ? AND request_id = ?').get(sessionId, requestId);
    return row ? toEntry(row as TimelineRow) : null;
  }

  list(sessionId: SessionId): TimelineEntry[] {
    return (this.sql('SELECT * FROM timeline WHERE session_id = ? ORDER BY seq').all(sessionId) as TimelineRow[]).map(toEntry);
  }

  clear(sessionId: SessionId): number {
    return this.sql('DELETE FROM timeline WHERE session_id = ?').run(sessionId).changes;
  }

  firstUserPrompt(sessionId: SessionId): string | null {
    const row = this.sql("SELECT content FROM timeline WHERE session_id = ? AND role = 'user' ORDER BY seq LIMIT 1").get(sessionId) as
      | { content: string }
      | undefined;
    return row?.content ?? null;
  }
}
