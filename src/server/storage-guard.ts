// Refuses every write request once the database file is deleted or replaced under the running server, and says so
// once, to the log and to open browsers. Reads go on: the open connection still sees everything saved until then.
import type { FastifyInstance } from 'fastify';
import { DatabaseGone } from '../errors.js';
import type { DatabaseFile } from '../store/db-file.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false for a non-GET route that never touches the database, so it keeps working when the database is gone. */
    writesDatabase?: boolean;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class StorageGuard {
  private reported = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly file: DatabaseFile,
    /** Called once, with the first fault found. */
    private readonly onFault: (fault: DatabaseGone) => void,
  ) {}

  /** What a write would answer now, or null. One stat of the database path (3–5 µs measured). */
  fault(withPath = true): DatabaseGone | null {
    const problem = this.file.problem();
    if (!problem) return null;
    if (!this.reported) {
      this.reported = true;
      this.onFault(new DatabaseGone(this.file.path, problem));
    }
    return new DatabaseGone(withPath ? this.file.path : null, problem);
  }

  /** Adds the check to every non-GET route of `app` (routes that never write say so with config.writesDatabase). */
  install(app: FastifyInstance): void {
    app.addHook('preHandler', async (request) => {
      if (READ_METHODS.has(request.method) || request.routeOptions.config.writesDatabase === false) return;
      const fault = this.fault();
      if (fault) throw fault;
    });
  }

  /** Checks every `intervalMs` too, so a browser hears of a lost database before the person types a whole prompt. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.fault() && this.timer) clearInterval(this.timer);
    }, intervalMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
