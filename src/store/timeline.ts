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

/** One page of a timeline, oldest first; `hasEarlier` says whether entries before the first one exist. */
export interface TimelinePage {
  entries: TimelineEntry[];
  hasEarlier: boolean;
}

export interface PageQuery {
  /** Only entries with a smaller seq (the oldest seq the reader has); absent: the newest entries. */
  before?: number;
  /** At most this many entries. */
  limit: number;
  /** Stop once the entries' content would pass this many UTF-8 bytes (one entry is always given, whatever its size). */
  maxBytes: number;
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
    const row = this.sql(
      `INSERT OR IGNORE INTO timeline (id, session_id, role, content, prompt_id, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         RETURNING *`,
    ).get(id, sessionId, role, content, promptId, requestId, nowIso()) as TimelineRow | undefined;
    return row ? toEntry(row) : null;
  }

  byRequestId(sessionId: SessionId, requestId: string): TimelineEntry | null {
    const row = this.sql('SELECT * FROM timeline WHERE session_id = ? AND request_id = ?').get(sessionId, requestId);
    return row ? toEntry(row as TimelineRow) : null;
  }

  /**
   * A keyset page: the newest entries before `before`, at most `limit` of them and about `maxBytes` of content.
   * Keyed by seq, which only grows, so entries appended while a reader pages back never shift or repeat a page.
   */
  page(sessionId: SessionId, query: PageQuery): TimelinePage {
    const before = query.before ?? Number.MAX_SAFE_INTEGER;
    // Sizes first (octet_length reads no content), so a page of huge entries never loads the ones it leaves out.
    const sizes = this.sql(
      'SELECT seq, octet_length(content) AS bytes FROM timeline WHERE session_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    ).all(sessionId, before, query.limit + 1) as { seq: number; bytes: number }[];
    let taken = 0;
    let bytes = 0;
    for (const row of sizes) {
      if (taken === query.limit || (taken > 0 && bytes + row.bytes > query.maxBytes)) break;
      bytes += row.bytes;
      taken++;
    }
    const oldest = sizes[taken - 1];
    if (!oldest) return { entries: [], hasEarlier: false };
    const rows = this.sql('SELECT * FROM timeline WHERE session_id = ? AND seq >= ? AND seq < ? ORDER BY seq').all(
      sessionId,
      oldest.seq,
      before,
    ) as TimelineRow[];
    return { entries: rows.map(toEntry), hasEarlier: taken < sizes.length };
  }

  /** Every entry; for exports and tests. Answers to browsers are paged (`page`). */
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
