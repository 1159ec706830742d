// Matches the daemon's answers to the requests we sent. No socket here: the caller hands in `send` and feeds answers.
import { AppServerDisconnected, AppServerError, AppServerTimeout } from './errors.js';
import type { RequestId } from './protocol/RequestId.js';

interface Pending {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Outstanding requests of one client. Ids keep counting across connections, so a late answer never matches a new request. */
export class PendingRequests {
  private nextId = 1;
  private readonly pending = new Map<RequestId, Pending>();
  /** Answers whose request had already timed out or been dropped. */
  lateAnswers = 0;

  /** Sends `{id, method, params}` (no "jsonrpc" field: the daemon's framing omits it) and waits for its answer. */
  request(send: (message: object) => void, method: string, params: unknown, timeoutMs: number): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AppServerTimeout(method, timeoutMs));
      }, timeoutMs);
      timer.unref?.();
      this.pending.set(id, { method, resolve, reject, timer });
      try {
        send(params === undefined ? { id, method } : { id, method, params });
      } catch (error) {
        this.settle(id)?.reject(new AppServerDisconnected(method, (error as Error).message));
      }
    });
  }

  resolve(id: RequestId, result: unknown): void {
    this.settle(id)?.resolve(result);
  }

  reject(id: RequestId, error: { code: number; message: string; data?: unknown }): void {
    const entry = this.settle(id);
    entry?.reject(new AppServerError(entry.method, error.code, error.message, error.data));
  }

  /** Rejects everything outstanding: the connection that would have carried the answers is gone. */
  failAll(reason: string): void {
    for (const id of [...this.pending.keys()]) {
      const entry = this.settle(id);
      entry?.reject(new AppServerDisconnected(entry.method, reason));
    }
  }

  get size(): number {
    return this.pending.size;
  }

  private settle(id: RequestId): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) {
      this.lateAnswers++;
      return undefined;
    }
    clearTimeout(entry.timer);
    this.pending.delete(id);
    return entry;
  }
}
