// How search picks what it ranks: a word still being typed is a prefix, unless the word as typed already fills the
// candidates on its own; then its longer forms are left out (gathering them is what made common words slow).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HistoryDb, historyFile, openHistoryDb } from './db.js';
import { CANDIDATES, HistoryReader } from './reader.js';

const root = mkdtempSync(join(tmpdir(), 'cpm-reader-search-'));
let db: HistoryDb;
let reader: HistoryReader;
const now = Date.parse('2026-10-01T00:00:00Z');

function addMessages(fileId: number, texts: string[]): void {
  const at = db.prepare('INSERT INTO doc_at (file_id, field, turn, offset, at_ms, messages) VALUES (?, 2, ?, ?, ?, ?)');
  const fts = db.prepare('INSERT INTO docs (rowid, messages) VALUES (?, ?)');
  texts.forEach((text, i) => {
    const rowid = at.run(fileId, i, i * 100, now - 86_400_000, text).lastInsertRowid;
    fts.run(rowid, text);
  });
}

beforeAll(() => {
  db = openHistoryDb(historyFile(root));
  const file = db.prepare(
    `INSERT INTO files (path, home, archived, size, mtime_ms, ino, offset, updated_ms, thread_id) VALUES (?, '/h', 0, 1, 0, 0, 1, ?, ?)`,
  );
  // Thread 1: as many records with "kestrel" as search ranks, then newer ones with longer forms only.
  file.run('/h/one.jsonl', now, 'thread-one');
  addMessages(
    1,
    Array.from({ length: CANDIDATES }, (_, i) => `kestrel sighting number ${i}`),
  );
  addMessages(1, ['kestrels nesting on the roof', 'a kestrelwatch report']);
  // Thread 2: a word with a few matches, and its longer form.
  file.run('/h/two.jsonl', now, 'thread-two');
  addMessages(2, ['falcon seen once', 'falconry club meeting']);
  reader = new HistoryReader(
    db,
    () => null,
    () => now,
  );
});

afterAll(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

const texts = (q: string) => reader.search({ q, limit: 2_000 }).hits.map((h) => h.snippet.map((p) => p.text).join(''));

describe('search candidates', () => {
  it('finds the longer forms of a word being typed', () => {
    expect(texts('falco').sort()).toEqual(['falcon seen once', 'falconry club meeting']);
    expect(texts('falcon').sort()).toEqual(['falcon seen once', 'falconry club meeting']);
    expect(texts('kestrelw')).toEqual(['a kestrelwatch report']);
  });

  it('takes a typed word that fills the candidates on its own as it is, and a word with * as a prefix always', () => {
    const typed = texts('kestrel');
    expect(typed).toHaveLength(CANDIDATES);
    expect(typed.every((t) => t.startsWith('kestrel sighting'))).toBe(true);
    expect(texts('kestrel*')).toContain('kestrels nesting on the roof');
  });
});
