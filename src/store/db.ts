// Opens the SQLite file in WAL mode and brings its schema up to date. The only place that creates a connection.
import { accessSync, closeSync, constants, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export { type Sql, statements } from './statements.js';

// better-sqlite3 builds SQLite with a 16 MB page cache per connection, and a cache never gives back what it filled:
// paging back through one long session (11 MB of text) kept 11 MB more resident for good. Pages it no longer holds
// come from the OS's file cache instead (reading every page back cost ~5 % more CPU per 50-entry page, measured).
// Negative: KiB, not pages. mmap stays off (SQLite's default here), as mapped pages would count as resident too.
const CACHE_KIB = -4_000;

/** Opens (creating if needed) the database file and applies pending migrations in one transaction each. */
export function openDatabase(file: string): Db {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // SQLite opens a file it may not write read-only without a word, and only the first write would fail.
  const stuck = [dirname(file), file, `${file}-wal`, `${file}-shm`].find((path) => !writable(path));
  if (stuck) throw new Error(readOnlyMessage(file, stuck));
  // SQLite would create it 0644; made first, it is private, and SQLite gives -wal and -shm the same mode.
  closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = ${CACHE_KIB}`);
  migrate(db);
  return db;
}

/** Writable by this process, or absent (SQLite creates -wal and -shm itself). */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

function readOnlyMessage(file: string, stuck: string): string {
  const owner = statSync(stuck).uid;
  const ownedByOther = process.getuid !== undefined && owner !== process.getuid();
  return (
    `Codex Pro Max cannot write ${stuck}${ownedByOther ? ` (it belongs to user id ${owner}, for example after running Codex Pro Max with sudo)` : ''}, ` +
    'or the disk holding it is read-only, so it could not save anything. Make the data folder and the files in it yours and writable ' +
    `(for example "sudo chown -R $(id -u) ${dirname(file)}"), then start it again.`
  );
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database was written by a newer Codex Pro Max (schema ${current}, this one knows ${MIGRATIONS.length}). Update Codex Pro Max.`,
    );
  }
  MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + i + 1}`);
    })();
  });
}

export const nowIso = (): string => new Date().toISOString();
