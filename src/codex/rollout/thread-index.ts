// Asks Codex's own thread index (state_5.sqlite, table `threads`) where a rollout lives. Read-only, optional:
// any failure (no file, locked, other schema) just means "not known here".
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/** `threads.rollout_path` for `threadId`, or null. */
export function lookupThreadIndex(file: string, threadId: string): string | null {
  return lookupThreadIndexMany(file, [threadId]).get(threadId) ?? null;
}

/** `threads.rollout_path` of each thread the index knows, through one read-only handle (opening one costs more than many lookups). */
export function lookupThreadIndexMany(file: string, threadIds: readonly string[]): Map<string, string> {
  const known = new Map<string, string>();
  if (threadIds.length === 0 || !existsSync(file)) return known;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 200 });
    const lookup = db.prepare('SELECT rollout_path FROM threads WHERE id = ?');
    for (const id of threadIds) {
      const row = lookup.get(id) as { rollout_path?: unknown } | undefined;
      if (typeof row?.rollout_path === 'string' && row.rollout_path) known.set(id, row.rollout_path);
    }
  } catch {
    // not known here: the other ways of finding a rollout still apply
  } finally {
    db?.close();
  }
  return known;
}
