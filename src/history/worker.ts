// The History index worker: owns the index's only write connection and sweeps the Codex homes, so reading gigabytes
// of rollouts never runs on the server's event loop. Talks to HistoryService by messages (protocol.ts); stops
// between two files when asked, closing the database first.
import { availableParallelism } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openHistoryDb } from './db.js';
import { BUILDING_BYTES, COMMIT_BYTES, HistoryIndexer } from './indexer.js';
import { ParsePool } from './parse-pool.js';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol.js';
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
    changed: (ids, removed) => post({ type: 'changed', ids, removed }),
  },
  Date.now,
  { pool: () => new ParsePool(parsers, COMMIT_BYTES), minBytes: BUILDING_BYTES },
);
const watch = new RolloutWatch((path) => indexer.touched(path));
const stop = new AbortController();
let wake: (() => void) | null = null;
let fullNext = true;

port.on('message', (m: ToWorker) => {
  if (m.type === 'homes') {
    indexer.setHomes(m.homes);
    fullNext = true;
  } else if (m.type === 'close') {
    stop.abort();
  }
  wake?.();
});

async function run(): Promise<void> {
  let lastFull = 0;
  while (!stop.signal.aborted) {
    const full = fullNext || Date.now() - lastFull >= options.fullMs;
    fullNext = false;
    try {
      await indexer.sweep(full, stop.signal);
      if (full) {
        lastFull = Date.now();
        watch.ensure(indexer.homesIndexed());
      }
    } catch (error) {
      if (stop.signal.aborted) break;
      const status = indexer.status();
      post({ type: 'status', status: { ...status, error: (error as Error).message } });
    }
    if (stop.signal.aborted) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.quickMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wake = null;
  }
  watch.close();
  db.close();
  post({ type: 'closed' });
}

void run();
