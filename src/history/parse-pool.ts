// A few parse workers for a large sweep (a first build): each file is read and extracted on one of them while the
// index worker writes what came back before. Results come back per file, whole; the caller keeps the order and
// bounds how much is in flight. A worker that dies fails the files it held, never the caller's thread.
import type { Worker } from 'node:worker_threads';
import type { ParseChunk, ParseJob } from './parse-file.js';
import { spawnHistoryWorker } from './spawn-worker.js';

export interface ParseRequest {
  id: number;
  job: ParseJob;
  chunkBytes: number;
}

export interface ParseReply {
  id: number;
  chunks: ParseChunk[];
  /** Why the file could not be read to its end (the chunks before it still count). */
  error: string | null;
}

export type ParseResult = Omit<ParseReply, 'id'>;

interface Slot {
  worker: Worker;
  busy: number;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { slot: Slot; resolve: (r: ParseResult) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(
    private readonly size: number,
    private readonly chunkBytes: number,
  ) {}

  /** Reads one file on the least busy worker (started on first use). */
  parse(job: ParseJob): Promise<ParseResult> {
    const slot = this.slot();
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { slot, resolve, reject });
      slot.worker.postMessage({ id, job, chunkBytes: this.chunkBytes } satisfies ParseRequest);
    });
  }

  /** Stops every worker; files still in flight fail. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
    this.failAll(new Error('The History parse workers were stopped.'));
  }

  private slot(): Slot {
    if (this.slots.length < this.size) {
      const idle = this.slots.find((s) => s.busy === 0);
      if (idle) return idle;
      const worker = spawnHistoryWorker('parse-worker', null);
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (m: ParseReply) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        p.slot.busy--;
        p.resolve({ chunks: m.chunks, error: m.error });
      });
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', () => {
        const at = this.slots.indexOf(slot);
        if (at !== -1) this.slots.splice(at, 1);
      });
      this.slots.push(slot);
      return slot;
    }
    return this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private failAll(error: Error): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(error);
    }
  }
}
