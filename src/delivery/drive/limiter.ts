// The global limit on concurrent `codex exec` turns: a FIFO semaphore. Pure bookkeeping, no processes.

export const DEFAULT_MAX_TURNS = 2;

/** CODEX_PRO_MAX_MAX_TURNS as a positive integer, or the default when unset or not a number. */
export function maxTurnsFrom(raw: string | undefined): number {
  const n = Number(raw);
  return raw !== undefined && raw.trim() !== '' && Number.isInteger(n) && n >= 1 ? n : DEFAULT_MAX_TURNS;
}

export class TurnLimiter {
  private running = 0;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(readonly max: number) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** A slot now if one is free, else in arrival order; the returned function gives it back (once). */
  acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const release = this.releaser();
      if (this.running < this.max) {
        this.running++;
        resolve(release);
        return;
      }
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          resolve(release);
        },
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.waiting.shift()?.grant();
    };
  }
}
