// The prompt queue. Order is the integer `position`, never a clock, so prompts typed in one millisecond keep their order.
import { randomUUID } from 'node:crypto';
import type { PromptId, SessionId } from '../shared/ids.js';
import type { Prompt, PromptState } from '../shared/schemas.js';
import { type Db, nowIso, type Sql, statements } from './db.js';

interface PromptRow {
  id: string;
  session_id: string;
  content: string;
  state: PromptState;
  position: number;
  created_at: string;
  updated_at: string;
  handed_at: string | null;
  delivered_at: string | null;
}

const toPrompt = (r: PromptRow): Prompt => ({
  id: r.id as PromptId,
  sessionId: r.session_id as SessionId,
  content: r.content,
  state: r.state,
  position: r.position,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  handedAt: r.handed_at,
  deliveredAt: r.delivered_at,
});

export class PromptRepo {
  private readonly sql: Sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** Queues at the end of this session's queue: one index seek, however many prompts were ever queued (any session). */
  enqueue(sessionId: SessionId, content: string): Prompt {
    const id = randomUUID();
    const now = nowIso();
    const row = this.sql(
      `INSERT INTO prompts (id, session_id, content, state, position, created_at, updated_at)
         VALUES (?, ?, ?, 'queued', (SELECT COALESCE(MAX(position), 0) + 1 FROM prompts WHERE session_id = ?), ?, ?) RETURNING *`,
    ).get(id, sessionId, content, sessionId, now, now) as PromptRow;
    return toPrompt(row);
  }

  get(id: PromptId): Prompt | null {
    const row = this.sql('SELECT * FROM prompts WHERE id = ?').get(id) as PromptRow | undefined;
    return row ? toPrompt(row) : null;
  }

  /** Prompts not yet acknowledged by Codex, in delivery order (what the queue tray shows). */
  pending(sessionId: SessionId): Prompt[] {
    // By state first: delivered prompts pile up for ever, and walking the session by position would visit them all.
    const rows = this.sql(
      "SELECT * FROM prompts INDEXED BY prompts_queue WHERE session_id = ? AND state IN ('queued', 'handing', 'handed') ORDER BY position",
    ).all(sessionId) as PromptRow[];
    return rows.map(toPrompt);
  }

  countQueued(sessionId: SessionId): number {
    return (this.sql("SELECT COUNT(*) AS n FROM prompts WHERE session_id = ? AND state = 'queued'").get(sessionId) as { n: number }).n;
  }

  oldest(sessionId: SessionId, state: PromptState): Prompt | null {
    const row = this.sql('SELECT * FROM prompts WHERE session_id = ? AND state = ? ORDER BY position LIMIT 1').get(sessionId, state) as
      | PromptRow
      | undefined;
    return row ? toPrompt(row) : null;
  }

  setState(id: PromptId, from: PromptState, to: PromptState): boolean {
    const now = nowIso();
    const handedAt = to === 'handed' ? now : null;
    const deliveredAt = to === 'delivered' ? now : null;
    return (
      this.sql(
        `UPDATE prompts SET state = ?, updated_at = ?, handed_at = COALESCE(?, handed_at), delivered_at = COALESCE(?, delivered_at)
           WHERE id = ? AND state = ?`,
      ).run(to, now, handedAt, deliveredAt, id, from).changes > 0
    );
  }

  /** Marks every prompt Codex has been handed in this session as delivered; returns how many. */
  deliverHanded(sessionId: SessionId): number {
    const now = nowIso();
    return this.sql(
      "UPDATE prompts SET state = 'delivered', delivered_at = ?, updated_at = ? WHERE session_id = ? AND state = 'handed'",
    ).run(now, now, sessionId).changes;
  }

  /** After a crash nothing can be mid-write: prompts caught there go back to the queue. */
  requeueAllHanding(): number {
    return this.sql("UPDATE prompts SET state = 'queued', updated_at = ? WHERE state = 'handing'").run(nowIso()).changes;
  }

  edit(id: PromptId, content: string): boolean {
    return (
      this.sql("UPDATE prompts SET content = ?, updated_at = ? WHERE id = ? AND state = 'queued'").run(content, nowIso(), id).changes > 0
    );
  }

  delete(id: PromptId): boolean {
    return this.sql("DELETE FROM prompts WHERE id = ? AND state = 'queued'").run(id).changes > 0;
  }

  /** Gives the queued prompts the order listed, reusing their own positions so nothing jumps ahead of a handed prompt. */
  reorder(sessionId: SessionId, order: PromptId[]): void {
    const positions = (
      this.sql("SELECT position FROM prompts WHERE session_id = ? AND state = 'queued' ORDER BY position").all(sessionId) as {
        position: number;
      }[]
    ).map((r) => r.position);
    const update = this.sql('UPDATE prompts SET position = ?, updated_at = ? WHERE id = ?');
    const now = nowIso();
    // Park every row on a negative position first: positions are not unique-indexed, but keeping them distinct is cheap insurance.
    order.forEach((id, i) => {
      update.run(-(i + 1), now, id);
    });
    order.forEach((id, i) => {
      update.run(positions[i] as number, now, id);
    });
  }
}
