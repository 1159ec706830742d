// Copies the WAL back into the database file from a worker thread with its own connection, so the server's event
// loop never waits for a checkpoint. Must not write rows: a checkpoint only moves pages already committed. The worker
// runs only while there is something to copy: it starts on the first write and ends after a quiet spell.
import { statSync } from 'node:fs';
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
// A worker is a whole V8 isolate (about 8 MB resident): a server with nothing to copy for this long does without it
// (restarting one costs ~20 ms of CPU, so a server writing every few seconds keeps its worker).
const QUIET_MS = 30_000;
// How often the server's thread looks for writes. Each look is microseconds of work, but on a machine whose idle CPUs
// sleep deeply every wake-up of an idle process is charged about a millisecond; a server with nothing to do should
// hardly wake at all. A worker starting up to this late only lets the WAL grow by that much (the backstop holds).
const POLL_MS = 5_000;

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
parentPort.on('message', (m) => {
  clearTimeout(timer);
  // Ending for quiet: what the last writes left in the WAL is copied first, as no pass would come after.
  if (m === 'quiet') try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  try { db.close(); } catch {}
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
  parentPort.close();
});
`;

interface Run {
  worker: Worker;
  done: Int32Array;
  /** ending: told to stop for quiet, after this many changed rows; failed: hands checkpointing back to the commits. */
  state: 'running' | 'ending' | 'failed';
  changesAtEnd: number;
}

export class Checkpointer {
  private run: Run | null = null;
  private readonly changes: () => number;
  private seenChanges: number;
  private quietSince = Date.now();
  private readonly poll: NodeJS.Timeout;
  private readonly firstLook: NodeJS.Timeout;
  private failed = false;
  private closed = false;

  /**
   * Takes over checkpointing `file`, which `db` (the server's connection) writes. Every `pollMs` the connection's
   * count of changed rows is read (microseconds): a change starts the worker, which checkpoints every `intervalMs`,
   * and `quietMs` without one ends it. The first look comes after `intervalMs`, for the writes of a server starting.
   */
  constructor(
    private readonly db: Db,
    private readonly file: string,
    private readonly intervalMs = INTERVAL_MS,
    private readonly quietMs = QUIET_MS,
    pollMs = POLL_MS,
  ) {
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    db.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
    const count = db.prepare('SELECT total_changes()').pluck();
    this.changes = () => count.get() as number;
    // Frames already in the WAL (migrations, a caller's writes, a crash's leftovers) are copied by a first run.
    this.seenChanges = walSize(file) > 0 ? -1 : this.changes();
    this.poll = setInterval(() => this.check(), pollMs);
    this.poll.unref();
    this.firstLook = setTimeout(() => this.check(), Math.min(intervalMs, pollMs));
    this.firstLook.unref();
  }

  /** A worker thread exists now (it starts after a write and ends after a quiet spell). */
  get working(): boolean {
    return this.run !== null;
  }

  private check(): void {
    if (this.closed || this.failed || !this.db.open) return;
    const changes = this.changes();
    if (changes !== this.seenChanges) {
      this.seenChanges = changes;
      this.quietSince = Date.now();
      if (!this.run) this.start();
    } else if (this.run?.state === 'running' && Date.now() - this.quietSince >= this.quietMs) {
      this.run.state = 'ending';
      this.run.changesAtEnd = changes;
      this.run.worker.postMessage('quiet');
    }
  }

  private start(): void {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const done = new Int32Array(new SharedArrayBuffer(4));
    // No inherited flags: `--input-type=module` (how `node -e` runs an ES module) would make this script one too.
    const worker = new Worker(WORKER, {
      eval: true,
      execArgv: [],
      workerData: { driver, file: this.file, intervalMs: this.intervalMs, restartFrames: RESTART_FRAMES, done: done.buffer },
    });
    const run: Run = { worker, done, state: 'running', changesAtEnd: -1 };
    this.run = run;
    worker.unref();
    // A worker that cannot run hands checkpointing back to the connection's own, at SQLite's usual size.
    worker.on('error', () => {
      run.state = 'failed';
      this.failed = true;
      if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    });
    worker.on('exit', () => {
      if (this.run !== run) return;
      this.run = null;
      // A write after the worker was told to end, which its last pass may have missed, starts the next one.
      if (run.state === 'ending') this.seenChanges = run.changesAtEnd;
    });
  }

  /** Closes the worker's connection before the caller closes its own, so the last one to close cleans up the WAL. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.poll);
    clearTimeout(this.firstLook);
    const run = this.run;
    if (!run) return;
    if (run.state === 'running') run.worker.postMessage('close');
    // One ending for quiet is closing its connection already: it is waited for the same way.
    if (run.state !== 'failed') Atomics.wait(run.done, 0, 0, CLOSE_WAIT_MS);
    void run.worker.terminate();
  }
}

function walSize(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
