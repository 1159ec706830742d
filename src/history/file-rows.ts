// The `files` table of the History index: one row per rollout file with where its reading stopped, the reader's state
// there, and its session's facts. The index worker's statements for it; reading the rollouts is not done here.
import type { ExtractCarry, SessionFacts } from '../codex/history/extract.js';
import { originatorKind } from '../codex/history/originator.js';
import { type GitRootFinder, projectOf } from '../codex/history/project.js';
import { threadIdFromPath } from '../codex/history/rollout-files.js';
import { type Sql, statements } from '../store/statements.js';
import type { HistoryDb, SessionFactColumns } from './db.js';
import type { SeenFile } from './scan.js';

/** What the indexer keeps in memory of every file, loaded at start. */
export interface FileHead {
  id: number;
  path: string;
  size: number;
  mtime_ms: number;
  ino: number;
  offset: number;
  error: string | null;
  partial: number;
  thread_id: string | null;
}

/** A file's saved state, read back to go on from its offset. */
export interface FileRow extends SessionFactColumns {
  carry: string | null;
  malformed: number;
  thread_id: string | null;
  cwd: string | null;
  source: string | null;
}

/** Where one read of a file ended and what it knew there. */
export interface FileSave {
  facts: SessionFacts;
  carry: ExtractCarry;
  offset: number;
  malformed: number;
  size: number;
  mtimeMs: number;
  ino: number;
  partial: boolean;
  /** The thread's name from the home's thread-name file, which wins over the one the rollout records. */
  name: string | null;
}

export class FileRows {
  private readonly sql: Sql;

  constructor(
    db: HistoryDb,
    private readonly git: GitRootFinder,
  ) {
    this.sql = statements(db);
  }

  heads(): FileHead[] {
    return this.sql('SELECT id, path, size, mtime_ms, ino, offset, error, partial, thread_id FROM files').all() as FileHead[];
  }

  row(id: number): FileRow | undefined {
    return this.sql('SELECT * FROM files WHERE id = ?').get(id) as FileRow | undefined;
  }

  insert(file: SeenFile, size: number, mtimeMs: number, ino: number): number {
    const info = this.sql(
      `INSERT INTO files (path, home, archived, size, mtime_ms, ino, offset, updated_ms, thread_id) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(file.path, file.home, file.archived ? 1 : 0, size, mtimeMs, ino, Math.round(mtimeMs), threadIdFromPath(file.path));
    return Number(info.lastInsertRowid);
  }

  save(id: number, file: SeenFile, s: FileSave): void {
    const { facts } = s;
    const threadId = facts.threadId ?? threadIdFromPath(file.path);
    const project = projectOf(facts.cwd, this.git.rootOf(facts.cwd));
    this.sql(
      `UPDATE files SET archived = ?, size = ?, mtime_ms = ?, ino = ?, offset = ?, carry = ?, error = ?, partial = ?, malformed = ?,
         thread_id = ?, cwd = ?, project_key = ?, project_label = ?, project_kind = ?, originator = ?, originator_raw = ?, source = ?,
         cli_version = ?, model = ?, created_ms = ?, updated_ms = ?, turns = ?, tokens = ?, first_prompt = ?, thread_name = ?
       WHERE id = ?`,
    ).run(
      file.archived ? 1 : 0,
      s.size,
      s.mtimeMs,
      s.ino,
      s.offset,
      JSON.stringify(s.carry),
      null,
      s.partial ? 1 : 0,
      s.malformed,
      threadId,
      facts.cwd,
      project.key,
      project.label,
      project.kind,
      originatorKind(facts.originator, facts.source),
      facts.originator,
      facts.source,
      facts.cliVersion,
      facts.model,
      facts.createdAtMs,
      Math.round(facts.updatedAtMs ?? s.mtimeMs),
      facts.turns,
      facts.tokens,
      facts.firstPrompt,
      s.name ?? facts.threadName,
      id,
    );
  }

  markUnreadable(id: number, error: string, size: number, mtimeMs: number, ino: number): void {
    this.sql('UPDATE files SET error = ?, size = ?, mtime_ms = ?, ino = ? WHERE id = ?').run(error, size, mtimeMs, ino, id);
  }

  delete(id: number): void {
    this.sql('DELETE FROM files WHERE id = ?').run(id);
  }

  idsOfThread(threadId: string, home: string): number[] {
    return (this.sql('SELECT id FROM files WHERE thread_id = ? AND home = ?').all(threadId, home) as { id: number }[]).map((r) => r.id);
  }

  setName(id: number, name: string): void {
    this.sql('UPDATE files SET thread_name = ? WHERE id = ?').run(name, id);
  }

  counts(): { sessions: number; unreadable: number; partial: number; malformed: number } {
    const c = this.sql(
      `SELECT count(*) AS sessions, sum(error IS NOT NULL) AS unreadable, sum(partial) AS partial, sum(malformed) AS malformed FROM files`,
    ).get() as { sessions: number; unreadable: number | null; partial: number | null; malformed: number | null };
    return { sessions: c.sessions, unreadable: c.unreadable ?? 0, partial: c.partial ?? 0, malformed: c.malformed ?? 0 };
  }

  unreadable(limit: number): { path: string; reason: string }[] {
    return (
      this.sql('SELECT path, error FROM files WHERE error IS NOT NULL ORDER BY path LIMIT ?').all(limit) as {
        path: string;
        error: string;
      }[]
    ).map((r) => ({ path: r.path, reason: r.error }));
  }

  sessionsIn(home: string): number {
    return (this.sql('SELECT count(*) AS n FROM files WHERE home = ?').get(home) as { n: number }).n;
  }
}

/** The session facts a saved row holds, to go on reading from. */
export function factsOf(row: FileRow): SessionFacts {
  return {
    threadId: row.thread_id,
    cwd: row.cwd,
    originator: row.originator_raw,
    source: row.source,
    cliVersion: row.cli_version,
    model: row.model,
    createdAtMs: row.created_ms,
    updatedAtMs: row.updated_ms,
    turns: row.turns,
    tokens: row.tokens,
    firstPrompt: row.first_prompt,
    threadName: row.thread_name,
  };
}
