// The History index's own SQLite file (<root>/history.sqlite3, WAL): one row per rollout file with its session's
// facts and read position, one row per indexed record (doc_at: where it is, and its text in its field's column), and
// an FTS5 index over those rows with one column per searchable field. It is derived data: a schema from
// another version is dropped and rebuilt from the rollouts (only the `settings` table survives that).
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export type HistoryDb = Database.Database;

/** Bump whenever the tables or what is extracted into them change: the index is then rebuilt. */
export const HISTORY_SCHEMA_VERSION = 3;

export const historyFile = (dataRoot: string) => join(dataRoot, 'history.sqlite3');

/** FTS column order; `field` in doc_at is the index into it. */
export const DOC_FIELDS = ['title', 'prompts', 'messages', 'commands', 'files'] as const;

const SCHEMA = `
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  home TEXT NOT NULL,
  archived INTEGER NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  ino INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  carry TEXT,
  error TEXT,
  partial INTEGER NOT NULL DEFAULT 0,
  malformed INTEGER NOT NULL DEFAULT 0,
  thread_id TEXT,
  cwd TEXT,
  project_key TEXT NOT NULL DEFAULT '',
  project_label TEXT NOT NULL DEFAULT 'No folder',
  project_kind TEXT NOT NULL DEFAULT 'none',
  originator TEXT NOT NULL DEFAULT 'other',
  originator_raw TEXT,
  source TEXT,
  cli_version TEXT,
  model TEXT,
  created_ms INTEGER,
  updated_ms INTEGER NOT NULL,
  turns INTEGER NOT NULL DEFAULT 0,
  tokens INTEGER,
  first_prompt TEXT,
  thread_name TEXT
);
CREATE INDEX files_updated ON files(updated_ms DESC, id DESC);
CREATE INDEX files_project ON files(project_key, updated_ms DESC);
CREATE INDEX files_thread ON files(thread_id);
CREATE TABLE doc_at (
  rowid INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL,
  field INTEGER NOT NULL,
  turn INTEGER NOT NULL,
  turn_id TEXT,
  offset INTEGER NOT NULL,
  ordinal INTEGER,
  at_ms INTEGER,
  title TEXT,
  prompts TEXT,
  messages TEXT,
  commands TEXT,
  files TEXT
);
CREATE INDEX doc_at_file ON doc_at(file_id);
CREATE VIRTUAL TABLE docs USING fts5(title, prompts, messages, commands, files, content = 'doc_at', content_rowid = 'rowid',
  columnsize = 0, tokenize = 'unicode61 remove_diacritics 2', prefix = '3');
INSERT INTO docs (docs, rank) VALUES ('pgsz', 4000);
INSERT INTO docs (docs, rank) VALUES ('automerge', 8);
INSERT INTO docs (docs, rank) VALUES ('hashsize', 16777216);
`;

// Pages each connection keeps (KiB): better-sqlite3 builds SQLite with 16 MB, kept once filled. With 4 MB, searches
// over the 2.2 GB History bench index cost the same CPU (p50 6.5 ms) and left the reading process 5-11 MB smaller;
// building that index took no more CPU (9.0-9.2 s against 9.4-11.3 s).
const CACHE_KIB = -4_000;

/** Opens (creating, or rebuilding after a schema change) the index file. Used by the worker and the server alike. */
/** A session's facts as the `files` table keeps them (the columns both the worker and the reader read). */
export interface SessionFactColumns {
  originator_raw: string | null;
  cli_version: string | null;
  model: string | null;
  created_ms: number | null;
  updated_ms: number;
  turns: number;
  tokens: number | null;
  first_prompt: string | null;
  thread_name: string | null;
}

export function openHistoryDb(file: string): HistoryDb {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = ${CACHE_KIB}`);
  db.exec('CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== HISTORY_SCHEMA_VERSION) {
    db.transaction(() => {
      for (const t of ['docs', 'doc_at', 'files']) db.exec(`DROP TABLE IF EXISTS ${t}`);
      // The text lives in doc_at, read by FTS5 only when asked (content=); the search ranks it itself, so FTS5 keeps
      // no column sizes. Prefixes of three characters are indexed (the search takes shorter last words as typed).
      // Bigger pages, more terms held in memory before a segment is written (16 MB) and merging later make a build's
      // writes about 40 % cheaper than FTS5's defaults.
      db.exec(SCHEMA);
      db.pragma(`user_version = ${HISTORY_SCHEMA_VERSION}`);
    })();
  }
  return db;
}

export function readSetting(db: HistoryDb, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeSetting(db: HistoryDb, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
