// The WAL is copied into the database file by the worker, not by a commit on the caller's thread; closing leaves
// a clean file behind.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { tempDir, tempStore } from '../../test/helpers/temp-store.js';
import { until } from '../../test/helpers/until.js';
import type { SessionId } from '../shared/ids.js';
import { Checkpointer } from './checkpointer.js';
import { Store } from './store.js';

const openStore = () => tempStore('ckpt');

/** About 1,500 pages of rows: past SQLite's own checkpoint size (1,000), far below the backstop's. */
function writeRows(store: Store): SessionId {
  const id = store.sessions.create({ threadId: null, kind: 'attached', title: 't', titleSource: 'user', status: 'RUNNING' });
  for (let i = 0; i < 1_500; i++) store.events.record(id, 'bench.row', { filler: 'x'.repeat(3_000), i });
  return id;
}

it('copies committed pages into the database file from the worker, with no checkpoint in any commit', async () => {
  const { store, file } = openStore();
  store.checkpointInBackground();
  const before = statSync(file).size;
  writeRows(store);
  // The connection's own checkpoint waits for a WAL 20 times longer: only the worker can have grown the file.
  await until('the worker to checkpoint', () => statSync(file).size > before + 4_000_000, 10_000);
  expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
  store.close();
});

it('leaves checkpointing to the commits when no worker runs (the size the test above relies on)', () => {
  const { store, file } = openStore();
  store.db.pragma('wal_autocheckpoint = 20000');
  const before = statSync(file).size;
  writeRows(store);
  expect(statSync(file).size).toBe(before);
  store.close();
});

it('starts no worker while nothing is written, one on the first write, and ends it after a quiet spell', async () => {
  const { store: first, file } = openStore();
  first.close(); // the migrations' frames are copied and the WAL removed
  const store = Store.open(file, (s: SessionId) => s);
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  try {
    const checkpointer = new Checkpointer(store.db, file, 100, 1_000, 100);
    vi.advanceTimersByTime(2_000);
    expect(checkpointer.working).toBe(false);
    const id = store.sessions.create({ threadId: null, kind: 'attached', title: 't', titleSource: 'user', status: 'RUNNING' });
    vi.advanceTimersByTime(100);
    expect(checkpointer.working).toBe(true);
    vi.advanceTimersByTime(1_100);
    await until('the quiet worker to end', () => !checkpointer.working, 10_000);
    store.events.record(id, 'again', {});
    vi.advanceTimersByTime(100);
    expect(checkpointer.working).toBe(true);
    checkpointer.close();
  } finally {
    vi.useRealTimers();
    store.close();
  }
  expect(existsSync(`${file}-wal`)).toBe(false);
});

it('wakes the idle server at most once every 5 s to look for writes', () => {
  const { store, file } = openStore();
  const intervals = vi.spyOn(globalThis, 'setInterval');
  try {
    const checkpointer = new Checkpointer(store.db, file);
    expect(intervals.mock.calls.map(([, ms]) => ms)).toEqual([5_000]);
    checkpointer.close();
  } finally {
    intervals.mockRestore();
    store.close();
  }
});

it('closes the worker first, so the last connection removes the WAL and every row is there on reopening', () => {
  const { store, file } = openStore();
  store.checkpointInBackground();
  const id = writeRows(store);
  store.close();
  expect(existsSync(`${file}-wal`)).toBe(false);
  const again = Store.open(file, (s: SessionId) => s);
  expect(again.events.list(id, 2_000)).toHaveLength(1_500);
  again.close();
});

it('runs in a process started the way the source tree starts the server (node --input-type=module -e)', () => {
  const dir = tempDir('ckpt');
  const script = `
    const { Store } = await import(${JSON.stringify(join(import.meta.dirname, 'store.ts'))});
    const { statSync } = await import('node:fs');
    const file = ${JSON.stringify(join(dir, 'db.sqlite3'))};
    const store = Store.open(file, (id) => id);
    store.checkpointInBackground();
    const before = statSync(file).size;
    const id = store.sessions.create({ threadId: null, kind: 'attached', title: 't', titleSource: 'user', status: 'RUNNING' });
    for (let i = 0; i < 1500; i++) store.events.record(id, 'bench.row', { filler: 'x'.repeat(3000) });
    const deadline = Date.now() + 10000;
    while (statSync(file).size <= before + 4000000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const ownCheckpoint = store.db.pragma('wal_autocheckpoint', { simple: true });
    const started = performance.now();
    store.close();
    console.log(JSON.stringify({ copied: statSync(file).size > before + 4000000, ownCheckpoint, closeMs: performance.now() - started }));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
  // A worker that failed would have handed checkpoints back to the commits (1,000 pages), which copy the pages too.
  expect(result).toMatchObject({ copied: true, ownCheckpoint: 20_000 });
  expect(result.closeMs).toBeLessThan(1_000);
});
