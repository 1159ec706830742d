// Drive-mode rows: a driven session's settings, its turns (status, explanation, usage) and each turn's events.
// SQL only; knows nothing of processes or HTTP.

import type { DriveEngine, DriveEvent, DriveSettings, DriveTurn, TurnId, TurnStatus } from '../shared/drive.js';
import type { AttachmentId, PromptId, SessionId, ThreadId } from '../shared/ids.js';
import type { TokenUsage } from '../shared/usage.js';
import { sumUsage } from '../shared/usage-math.js';
import { type Db, nowIso, type Sql, statements } from './db.js';

/** The usage columns of a turn row. */
interface UsageColumns {
  input_tokens: number | null;
  cached_input_tokens: number | null;
  output_tokens: number | null;
  reasoning_output_tokens: number | null;
}

/** Usage columns → the wire shape; null when no usage was stored (a turn that never completed, or no such turn). */
const toUsage = (r: UsageColumns): TokenUsage | null =>
  r.input_tokens === null
    ? null
    : {
        inputTokens: r.input_tokens,
        cachedInputTokens: r.cached_input_tokens ?? 0,
        outputTokens: r.output_tokens ?? 0,
        reasoningOutputTokens: r.reasoning_output_tokens ?? 0,
      };

interface TurnRow extends UsageColumns {
  id: string;
  session_id: string;
  thread_id: string | null;
  prompt_id: string | null;
  prompt: string;
  images_json: string;
  status: TurnStatus;
  engine: DriveEngine;
  error: string | null;
  exit_code: number | null;
  started_at: string;
  ended_at: string | null;
}

const toTurn = (r: TurnRow): DriveTurn => ({
  id: r.id as TurnId,
  sessionId: r.session_id as SessionId,
  threadId: r.thread_id as ThreadId | null,
  promptId: r.prompt_id as PromptId | null,
  prompt: r.prompt,
  images: JSON.parse(r.images_json) as string[],
  status: r.status,
  engine: r.engine,
  error: r.error,
  exitCode: r.exit_code,
  usage: toUsage(r),
  startedAt: r.started_at,
  endedAt: r.ended_at,
});

export class DriveRepo {
  private readonly sql: Sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  settings(sessionId: SessionId): DriveSettings | null {
    const row = this.sql(
      'SELECT cwd, model, effort, sandbox, approval_policy AS approvalPolicy FROM drive_settings WHERE session_id = ?',
    ).get(sessionId) as DriveSettings | undefined;
    return row ?? null;
  }

  saveSettings(sessionId: SessionId, s: DriveSettings): void {
    const now = nowIso();
    this.sql(
      `INSERT INTO drive_settings (session_id, cwd, model, effort, sandbox, approval_policy, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_id) DO UPDATE SET cwd = excluded.cwd, model = excluded.model, effort = excluded.effort,
           sandbox = excluded.sandbox, approval_policy = excluded.approval_policy, updated_at = excluded.updated_at`,
    ).run(sessionId, s.cwd, s.model, s.effort, s.sandbox, s.approvalPolicy, now, now);
  }

  /** Working directories used lately (driven or attached sessions), newest first. */
  recentCwds(limit = 20): string[] {
    const rows = this.sql(
      `SELECT cwd FROM (
           SELECT cwd, updated_at AS at FROM drive_settings
           UNION ALL SELECT cwd, last_activity_at AS at FROM sessions WHERE cwd IS NOT NULL
         ) GROUP BY cwd ORDER BY MAX(at) DESC LIMIT ?`,
    ).all(limit) as { cwd: string }[];
    return rows.map((r) => r.cwd);
  }

  /** The session an attachment id belongs to, so a new session can reuse an image uploaded elsewhere. */
  attachmentSession(id: AttachmentId): SessionId | null {
    const row = this.sql('SELECT session_id FROM attachments WHERE id = ?').get(id) as { session_id: string } | undefined;
    return (row?.session_id as SessionId) ?? null;
  }

  createTurn(t: {
    id: TurnId;
    sessionId: SessionId;
    threadId: ThreadId | null;
    promptId: PromptId | null;
    prompt: string;
    images: string[];
    engine: DriveEngine;
  }): DriveTurn {
    this.sql(
      `INSERT INTO drive_turns (id, session_id, thread_id, prompt_id, prompt, images_json, status, engine, started_at)
         VALUES (?, ?, ?, ?, ?, ?, 'starting', ?, ?)`,
    ).run(t.id, t.sessionId, t.threadId, t.promptId, t.prompt, JSON.stringify(t.images), t.engine, nowIso());
    return this.turn(t.id) as DriveTurn;
  }

  turn(id: TurnId): DriveTurn | null {
    const row = this.sql('SELECT * FROM drive_turns WHERE id = ?').get(id) as TurnRow | undefined;
    return row ? toTurn(row) : null;
  }

  turns(sessionId: SessionId): DriveTurn[] {
    return (this.sql('SELECT * FROM drive_turns WHERE session_id = ? ORDER BY started_at, rowid').all(sessionId) as TurnRow[]).map(toTurn);
  }

  setTurnThread(id: TurnId, threadId: ThreadId): void {
    this.sql('UPDATE drive_turns SET thread_id = ? WHERE id = ?').run(threadId, id);
  }

  setTurnStatus(id: TurnId, status: TurnStatus): void {
    this.sql('UPDATE drive_turns SET status = ? WHERE id = ?').run(status, id);
  }

  setTurnUsage(id: TurnId, u: TokenUsage): void {
    this.sql(
      'UPDATE drive_turns SET input_tokens = ?, cached_input_tokens = ?, output_tokens = ?, reasoning_output_tokens = ? WHERE id = ?',
    ).run(u.inputTokens, u.cachedInputTokens, u.outputTokens, u.reasoningOutputTokens, id);
  }

  finishTurn(id: TurnId, status: TurnStatus, error: string | null, exitCode: number | null): void {
    this.sql('UPDATE drive_turns SET status = ?, error = ?, exit_code = ?, ended_at = ? WHERE id = ?').run(
      status,
      error,
      exitCode,
      nowIso(),
      id,
    );
  }

  /** Turns left "running" by a server that stopped mid-turn: their process is gone with it. */
  failOrphanedTurns(message: string): number {
    return this.sql("UPDATE drive_turns SET status = 'failed', error = ?, ended_at = ? WHERE status IN ('starting', 'running')").run(
      message,
      nowIso(),
    ).changes;
  }

  appendEvent(turnId: TurnId, event: DriveEvent): void {
    this.sql('INSERT INTO drive_events (turn_id, seq, event_json) VALUES (?, ?, ?)').run(turnId, event.seq, JSON.stringify(event));
  }

  events(turnId: TurnId): DriveEvent[] {
    return (this.sql('SELECT event_json FROM drive_events WHERE turn_id = ? ORDER BY seq').all(turnId) as { event_json: string }[]).map(
      (r) => JSON.parse(r.event_json) as DriveEvent,
    );
  }

  /** The session's token figures: every turn's usage summed once, by the same sum the UI uses (usage-math.ts). */
  usage(sessionId: SessionId): TokenUsage {
    const rows = this.sql(
      'SELECT input_tokens, cached_input_tokens, output_tokens, reasoning_output_tokens FROM drive_turns WHERE session_id = ?',
    ).all(sessionId) as UsageColumns[];
    return sumUsage(rows.map(toUsage));
  }
}
