// What an idle quick sweep costs after a first build: files last written long ago are not looked at again until the
// next full sweep, while one written a moment ago is.
import { appendFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SessionSpec, threadIdFor, writeSession } from '../../bench/history/corpus.js';
import { historyFile, openHistoryDb } from './db.js';
import { HistoryIndexer } from './indexer.js';

const root = mkdtempSync(join(tmpdir(), 'cpm-indexer-'));
const home = join(root, 'codex');
const FILES = 12;
const paths: string[] = [];
let indexer: HistoryIndexer;
let db: ReturnType<typeof openHistoryDb>;

beforeAll(async () => {
  const twoDaysAgo = Date.now() - 2 * 86_400_000;
  for (let s = 0; s < FILES; s++) {
    const startedAt = new Date(twoDaysAgo + s * 60_000);
    const spec: SessionSpec = {
      format: 'v0169',
      threadId: threadIdFor(s, startedAt),
      cwd: join(root, 'work'),
      startedAt,
      originator: 'codex-tui',
      source: 'cli',
      turns: [{ prompt: `prompt ${s}`, message: `message ${s}`, command: 'ls', output: 'a', file: 'a.ts' }],
    };
    const { path } = await writeSession(home, spec);
    utimesSync(path, startedAt, startedAt);
    paths.push(path);
  }
  db = openHistoryDb(historyFile(join(root, 'data')));
  indexer = new HistoryIndexer(db, [home], { status() {}, changed() {} });
  await indexer.sweep(true);
});

afterAll(() => {
  db?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a quick sweep after the first build', () => {
  it('looks at no file that was last written days ago', async () => {
    await indexer.sweep(false);
    expect(indexer.statted).toBe(0);
  });

  it('looks at a file that changed while it watched, and keeps looking at it', async () => {
    appendFileSync(paths[3] as string, '\n');
    await indexer.sweep(true);
    await indexer.sweep(false);
    expect(indexer.statted).toBe(1);
  });
});

describe('new rollouts', () => {
  it('finds one Codex files under today, on a quick sweep', async () => {
    const startedAt = new Date();
    const spec: SessionSpec = {
      format: 'v0169',
      threadId: threadIdFor(100, startedAt),
      cwd: join(root, 'work'),
      startedAt,
      originator: 'codex-tui',
      source: 'cli',
      turns: [{ prompt: 'fresh prompt', message: 'fresh message', command: 'ls', output: 'a', file: 'a.ts' }],
    };
    const { path } = await writeSession(home, spec);
    await indexer.sweep(false);
    expect(db.prepare('SELECT count(*) AS n FROM files WHERE path = ?').get(path)).toEqual({ n: 1 });
  });

  it('finds one put in an old day folder on the next full sweep', async () => {
    const startedAt = new Date(Date.now() - 2 * 86_400_000 + 30 * 60_000);
    const spec: SessionSpec = {
      format: 'v0169',
      threadId: threadIdFor(101, startedAt),
      cwd: join(root, 'work'),
      startedAt,
      originator: 'codex-tui',
      source: 'cli',
      turns: [{ prompt: 'late prompt', message: 'late message', command: 'ls', output: 'a', file: 'a.ts' }],
    };
    const { path } = await writeSession(home, spec);
    await indexer.sweep(true);
    expect(db.prepare('SELECT count(*) AS n FROM files WHERE path = ?').get(path)).toEqual({ n: 1 });
  });

  it('finds one put in an old folder on the next quick sweep once a file event names it', async () => {
    const daysAgo = (days: number, s: number) => {
      const startedAt = new Date(Date.now() - days * 86_400_000 + s * 60_000);
      return writeSession(home, {
        format: 'v0169',
        threadId: threadIdFor(200 + s, startedAt),
        cwd: join(root, 'work'),
        startedAt,
        originator: 'codex-tui',
        source: 'cli',
        turns: [{ prompt: `old prompt ${s}`, message: 'old message', command: 'ls', output: 'a', file: 'a.ts' }],
      });
    };
    // Three months of folders, so the oldest is not among the newest a quick sweep lists again.
    await daysAgo(100, 0);
    await daysAgo(70, 1);
    await indexer.sweep(true);
    const { path } = await daysAgo(100, 2);
    const indexed = () => (db.prepare('SELECT count(*) AS n FROM files WHERE path = ?').get(path) as { n: number }).n;
    await indexer.sweep(false);
    expect(indexed()).toBe(0);
    indexer.touched(path);
    await indexer.sweep(false);
    expect(indexed()).toBe(1);
  });
});
