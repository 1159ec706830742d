// Copies the WAL back into the database file from a worker thread with its own connection, so the server's event
// loop never waits for a checkpoint. Must not write rows: a checkpoint only moves pages already committed.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';

// SQLite checkpoints inside the COMMIT that pushes the WAL past 1,000 pages: that commit copies the pages and
// fsyncs twice on the event loop, 10–150 ms measured on a busy disk (the latency tail of every request behind it).
// The worker checkpoints PASSIVE (it never waits for or blocks a writer) every interval; the connection's own
// automatic checkpoint stays as a backstop at a much larger WAL, should the worker ever stall.
const INTERVAL_MS = 500;
const BACKSTOP_PAGES = 20_000;
// A WAL longer than this many frames after a pass has not started over yet.
const RESTART_FRAMES = 2_000;
// After a checkpoint SQLite reuses the WAL from its start; a burst may have grown the file, so it is cut back to this.
const WAL_LIMIT_BYTES = 64 * 1024 * 1024;
const CLOSE_WAIT_MS = 2_000;

// CommonJS evaluated in the worker: the source tree and the built code start it the same way, without a loader.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const done = new Int32Array(workerData.done);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
let timer = null;
const checkpoint = () => {
  let frames = 0;
  try {
    frames = db.pragma('wal_checkpoint(PASSIVE)')[0].log;
  } catch {
    // Busy or the file is gone: the next tick tries again, and the writer's own backstop still holds.
  }
  // The writer starts the WAL over only when it finds every frame copied, so under steady writes one pass every
  // interval never catches up and the file grows: while it is long, passes follow closely until one does.
  timer = setTimeout(checkpoint, frames > workerData.restartFrames ? workerData.intervalMs / 10 : workerData.intervalMs);
};
timer = setTimeout(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  try { db.close(); } catch {}
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
  parentPort.close();
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;
  private running = true;

  /** Takes over checkpointing `file`, which `db` (the server's connection) writes. */
  constructor(db: Db, file: string, intervalMs = INTERVAL_MS) {
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    db.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // No inherited flags: `--input-type=module` (how `node -e` runs an ES module) would make this script one too.
    this.worker = new Worker(WORKER, {
      eval: true,
      execArgv: [],
      workerData: { driver, file, intervalMs, restartFrames: RESTART_FRAMES, done: this.done.buffer },
    });
    this.worker.unref();
    // A worker that cannot run hands checkpointing back to the connection's own, at SQLite's usual size.
    this.worker.on('error', () => {
      this.running = false;
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
    });
    this.worker.on('exit', () => {
      this.running = false;
    });
  }

  /** Closes the worker's connection before the caller closes its own, so the last one to close cleans up the WAL. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.running) {
      this.worker.postMessage('close');
      Atomics.wait(this.done, 0, 0, CLOSE_WAIT_MS);
    }
    void this.worker.terminate();
  }
}
