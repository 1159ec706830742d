// Asks Codex's own thread index (state_5.sqlite, table `threads`) where a rollout lives. Read-only, optional:
// any failure (no file, locked, other schema) just means "not known here".
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/** `threads.rollout_path` for `threadId`, or null. */
export function lookupThreadIndex(file: string, threadId: string): string | null {
  if (!existsSync(file)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 200 });
    const row = db.prepare('SELECT rollout_path FROM threads WHERE id = ?').get(threadId) as { rollout_path?: unknown } | undefined;
    return typeof row?.rollout_path === 'string' && row.rollout_path ? row.rollout_path : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}
