// The History index worker: owns the index's only write connection and sweeps the Codex homes, so reading gigabytes
// of rollouts never runs on the server's event loop. Talks to HistoryService by messages (protocol.ts); stops
// between two files when asked, closing the database first.
import { availableParallelism } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openHistoryDb } from './db.js';
import { BUILDING_BYTES, COMMIT_BYTES, HistoryIndexer } from './indexer.js';
import { ParsePool } from './parse-pool.js';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol.js';
import { afterEvent, eventsMissed, fullDue, nextWait, type SweepTimes } from './sweep-wait.js';
import { RolloutWatch } from './watch.js';

const port = parentPort;
if (!port) throw new Error('The History worker runs only as a worker thread.');
const options = workerData as WorkerOptions;
const post = (m: FromWorker) => port.postMessage(m);
const PARSERS_MAX = 2;

const db = openHistoryDb(options.file);
// A build parses on every core but the one this thread writes from (at least one, at most PARSERS_MAX).
const parsers = Math.max(1, Math.min(PARSERS_MAX, options.parsers ?? availableParallelism() - 1));
const indexer = new HistoryIndexer(
  db,
  options.homes,
  {
    status: (status) => post({ type: 'status', status }),
    changed: (ids, removed, added) => {
      changedCount++;
      post({ type: 'changed', ids, removed, added });
    },
  },
  Date.now,
  { pool: () => new ParsePool(parsers, COMMIT_BYTES), minBytes: BUILDING_BYTES },
);
const times: SweepTimes = {
  quickMs: options.quickMs,
  safetyMs: options.safetyMs ?? options.quickMs,
  fullMs: options.fullMs,
  watchedFullMs: options.watchedFullMs ?? options.fullMs,
};
const stop = new AbortController();
/** Cuts the current wait short: at once (a message), or after `ms` if that is sooner (a file event). */
let wakeIn: ((ms: number) => void) | null = null;
let fullNext = true;
/** File events heard so far (see eventsMissed). */
let heardCount = 0;
let trusted = true;
let changedCount = 0;
let lastStartAt = 0;

const watch = new RolloutWatch((path) => {
  if (path) indexer.touched(path);
  heardCount++;
  wakeIn?.(afterEvent(lastStartAt, Date.now()));
});

port.on('message', (m: ToWorker) => {
  if (m.type === 'homes') {
    indexer.setHomes(m.homes);
    fullNext = true;
  } else if (m.type === 'close') {
    stop.abort();
  }
  wakeIn?.(0);
});

async function run(): Promise<void> {
  let lastFull = 0;
  let coveredBefore = false;
  let heardAtLastStart = 0;
  while (!stop.signal.aborted) {
    const full = fullNext || fullDue(times, { heard: coveredBefore && trusted, lastFullAt: lastFull, now: Date.now() });
    const judged = !fullNext && coveredBefore;
    fullNext = false;
    // Watch before looking, so a change made during the sweep is heard even if the sweep missed it.
    const covered = watch.ensure(indexer.homesIndexed(), full);
    const heardBefore = heardAtLastStart;
    heardAtLastStart = heardCount;
    const changedBefore = changedCount;
    lastStartAt = Date.now();
    try {
      await indexer.sweep(full, stop.signal);
      if (full) lastFull = Date.now();
    } catch (error) {
      if (stop.signal.aborted) break;
      const status = indexer.status();
      post({ type: 'status', status: { ...status, error: (error as Error).message } });
    }
    if (stop.signal.aborted) break;
    if (eventsMissed({ watchedThrough: judged && covered, changed: changedCount > changedBefore, heard: heardCount > heardBefore })) {
      trusted = false;
    }
    coveredBefore = covered;
    const wait = nextWait(times, {
      heard: covered && trusted,
      pending: heardCount > heardAtLastStart,
      lastFullAt: lastFull,
      lastStartAt,
      now: Date.now(),
    });
    // A message that came while the sweep ran (new homes) is not made to wait.
    await sleep(fullNext ? 0 : wait);
  }
  watch.close();
  db.close();
  post({ type: 'closed' });
}

function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const until = Date.now() + ms;
    let timer = setTimeout(done, ms);
    function done() {
      wakeIn = null;
      resolve();
    }
    wakeIn = (soon) => {
      if (Date.now() + soon >= until) return;
      clearTimeout(timer);
      timer = setTimeout(done, soon);
    };
  });
}

void run();
