// A build read on parse workers stores exactly what a read in the index worker stores: the same records, fields,
// turns, offsets and session facts, in both formats, with a half-written last line, a file that is not a rollout,
// files cut into many chunks, and an append read afterwards from the saved position.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CorpusFormat, rolloutPathFor, type SessionSpec, threadIdFor, writeSession } from '../../bench/history/corpus.js';
import { type HistoryDb, historyFile, openHistoryDb } from './db.js';
import { HistoryIndexer } from './indexer.js';
import { ParsePool } from './parse-pool.js';

const root = mkdtempSync(join(tmpdir(), 'cpm-parse-pool-'));
const home = join(root, 'codex');
const t0 = Date.parse('2026-09-01T10:00:00Z');
const dbs: HistoryDb[] = [];
let inline: HistoryIndexer;
let pooled: HistoryIndexer;
let parsedOnWorkers = 0;
let appendTo = '';

function spec(s: number, format: CorpusFormat, extra: Partial<SessionSpec> = {}): SessionSpec {
  const startedAt = new Date(t0 + s * 3_600_000);
  return {
    format,
    threadId: threadIdFor(s, startedAt),
    cwd: join(root, `project-${s % 2}`),
    startedAt,
    turns: Array.from({ length: 3 + s }, (_, t) => ({
      prompt: `please prompt${s}x${t}q the deploy script`,
      message: `done with message${s}x${t}q ${'and more words '.repeat(40)}`,
      command: `grep -rn command${s}x${t}q src`,
      output: `leak${s}x${t}q ${'tool output '.repeat(200)}`,
      file: `src/file${s}x${t}q.ts`,
    })),
    ...extra,
  };
}

/** Every stored record with its session's facts, in a stable order. */
const contents = (db: HistoryDb) =>
  db
    .prepare(
      `SELECT f.path, f.offset, f.partial, f.malformed, f.error, f.thread_id, f.cwd, f.model, f.turns, f.tokens, f.first_prompt,
         f.created_ms, f.updated_ms, a.field, a.turn, a.turn_id, a.offset AS at, a.ordinal,
         coalesce(a.title, a.prompts, a.messages, a.commands, a.files) AS text
       FROM files f LEFT JOIN doc_at a ON a.file_id = f.id ORDER BY f.path, a.offset, a.field`,
    )
    .all();
const matches = (db: HistoryDb, q: string) =>
  db.prepare('SELECT a.offset FROM docs JOIN doc_at a ON a.rowid = docs.rowid WHERE docs MATCH ? ORDER BY a.offset').all(q);

beforeAll(async () => {
  for (let s = 0; s < 6; s++) {
    const { path } = await writeSession(home, spec(s, s % 2 === 0 ? 'v0169' : 'legacy', { truncateLast: s === 5 }));
    if (s === 2) appendTo = path;
  }
  const bad = rolloutPathFor(home, threadIdFor(99, new Date(t0)), new Date(t0));
  mkdirSync(join(bad, '..'), { recursive: true });
  writeFileSync(bad, 'this is not a rollout\nnor is this\n');
  const open = (name: string) => {
    const db = openHistoryDb(historyFile(join(root, name)));
    dbs.push(db);
    return db;
  };
  const events = { status() {}, changed() {} };
  inline = new HistoryIndexer(open('inline'), [home], events);
  pooled = new HistoryIndexer(open('pooled'), [home], events, Date.now, {
    // Chunks of 4 KB: every file comes back in many pieces, each carrying the reader's state to the next.
    pool: () => {
      const pool = new ParsePool(2, 4096);
      const parse = pool.parse.bind(pool);
      pool.parse = (job) => {
        parsedOnWorkers++;
        return parse(job);
      };
      return pool;
    },
    minBytes: 0,
  });
  await inline.sweep(true);
  await pooled.sweep(true);
}, 60_000);

afterAll(() => {
  for (const db of dbs) db.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a build on parse workers', () => {
  it('stores what a read in the index worker stores', () => {
    expect(parsedOnWorkers).toBe(7);
    const [a, b] = dbs as [HistoryDb, HistoryDb];
    const rows = contents(a);
    expect(rows.length).toBeGreaterThan(6 * 3 * 4);
    expect(contents(b)).toEqual(rows);
    expect(matches(b, 'message4x6q')).toEqual(matches(a, 'message4x6q'));
    expect(matches(b, 'message4x6q')).toHaveLength(1);
    expect(matches(b, 'leak4x6q')).toHaveLength(0);
    expect(inline.status()).toMatchObject({ unreadableFiles: 1, halfWrittenFiles: 1 });
    expect(pooled.status()).toMatchObject({ unreadableFiles: 1, halfWrittenFiles: 1 });
  });

  it('goes on from the saved position and state after an append', async () => {
    const line = JSON.stringify({
      timestamp: new Date(t0 + 9 * 3_600_000).toISOString(),
      type: 'event_msg',
      payload: { type: 'user_message', message: 'appended prompt kestrel' },
    });
    appendFileSync(appendTo, `${line}\n`);
    await inline.sweep(true);
    await pooled.sweep(true);
    const [a, b] = dbs as [HistoryDb, HistoryDb];
    expect(matches(b, 'kestrel')).toHaveLength(1);
    expect(contents(b)).toEqual(contents(a));
  });
});
