// Looks for the rollouts that do not exist yet (a thread Codex has not written, or one written under another
// CODEX_HOME) in one sweep for all of them, with a backoff per thread, so a year of running-but-silent sessions costs
// nothing while idle. Whoever hears of new rollouts (the History index's folder watch) names their threads with
// lookFor, so the backoff can be long: it only covers a rollout nobody announced. Only looks: what to do with a
// rollout once found is the caller's business.
import type { FoundRollout, RolloutFinder } from './finder.js';

export interface MissingRolloutOptions {
  /** The wait after the first miss, and after a nudge (default 1 s); each further miss doubles it… */
  firstDelayMs?: number;
  /** …up to this bound (default 60 s): a rollout that appears unannounced is found at most this long after. */
  maxDelayMs?: number;
  /** Sweeps are at least this far apart, however the threads' times fall (default 1 s). */
  minGapMs?: number;
  /** The walk of every folder (for rollouts outside their date folder) runs at most this often (default 10 min). */
  fullScanEveryMs?: number;
  now?: () => number;
}

interface Wanted {
  threadId: string;
  delayMs: number;
  dueAt: number;
  /** Bumped by each announcement or nudge, so a pass that began before one does not push its time back. */
  asked: number;
}

export class MissingRollouts<Key = string> {
  private readonly wanted = new Map<Key, Wanted>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private lastSweepAt = Number.NEGATIVE_INFINITY;
  private lastFullScanAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly minGapMs: number;
  private readonly fullScanEveryMs: number;
  private readonly now: () => number;
  /** Sweeps run so far (each one a single pass over every thread then due). */
  sweeps = 0;

  constructor(
    private readonly finder: RolloutFinder,
    private readonly onFound: (key: Key, found: FoundRollout) => void,
    options: MissingRolloutOptions = {},
  ) {
    this.firstDelayMs = options.firstDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.minGapMs = options.minGapMs ?? 1_000;
    this.fullScanEveryMs = options.fullScanEveryMs ?? 600_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Looks for `threadId`'s rollout on behalf of `key` at the next sweep (keys added together share it); a key already
   * looked for keeps its backoff.
   */
  add(key: Key, threadId: string): void {
    const current = this.wanted.get(key);
    if (current?.threadId === threadId) return;
    this.wanted.set(key, { threadId, delayMs: this.firstDelayMs / 2, dueAt: this.now(), asked: 0 });
    this.schedule();
  }

  /** Something happened in the thread (Codex is at work), so its rollout is likely there now: look again soon. */
  nudge(key: Key): void {
    const w = this.wanted.get(key);
    if (!w || w.delayMs <= this.firstDelayMs) return;
    w.delayMs = this.firstDelayMs;
    w.dueAt = Math.min(w.dueAt, this.now() + this.firstDelayMs);
    w.asked++;
    this.schedule();
  }

  /** Rollouts of these threads were just written: the keys waiting for them are looked for at the next sweep. */
  lookFor(threadIds: readonly string[]): void {
    const named = new Set(threadIds);
    let any = false;
    for (const w of this.wanted.values()) {
      if (!named.has(w.threadId)) continue;
      w.delayMs = this.firstDelayMs / 2;
      w.dueAt = this.now();
      w.asked++;
      any = true;
    }
    if (any) this.schedule();
  }

  remove(key: Key): void {
    this.wanted.delete(key);
    if (this.wanted.size === 0) this.clearTimer();
  }

  has(key: Key): boolean {
    return this.wanted.has(key);
  }

  get size(): number {
    return this.wanted.size;
  }

  close(): void {
    this.closed = true;
    this.wanted.clear();
    this.clearTimer();
  }

  /** One timer for everything: set for the earliest due thread, never nearer than minGapMs after the last sweep. */
  private schedule(): void {
    if (this.closed || this.sweeping || this.wanted.size === 0) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const w of this.wanted.values()) earliest = Math.min(earliest, w.dueAt);
    const at = Math.max(earliest, this.lastSweepAt + this.minGapMs);
    this.clearTimer();
    this.timer = setTimeout(() => void this.sweep(), Math.max(0, at - this.now()));
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private sweep(): Promise<void> {
    this.timer = null;
    this.sweeping = this.sweepOnce()
      .catch(() => undefined)
      .finally(() => {
        this.sweeping = null;
        this.schedule();
      });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    const now = this.now();
    this.lastSweepAt = now;
    this.sweeps++;
    // Threads due within the gap go along: one pass for several costs about what one pass for one does.
    const due = [...this.wanted].filter(([, w]) => w.dueAt <= now + this.minGapMs);
    if (due.length === 0) return;
    // A thread announced or nudged while this pass ran may have been looked for too early: it keeps its new time.
    const askedAtStart = new Map(due.map(([key, w]) => [key, w.asked]));
    const scan = now - this.lastFullScanAt >= this.fullScanEveryMs;
    if (scan) this.lastFullScanAt = now;
    const found = await this.finder.findMany([...new Set(due.map(([, w]) => w.threadId))], { scan });
    for (const [key, w] of due) {
      if (this.closed || this.wanted.get(key) !== w) continue; // removed, re-added or closed meanwhile
      const hit = found.get(w.threadId);
      if (hit) {
        this.wanted.delete(key);
        this.onFound(key, hit);
      } else if (w.asked === askedAtStart.get(key)) {
        w.delayMs = Math.min(w.delayMs * 2, this.maxDelayMs);
        w.dueAt = this.now() + w.delayMs;
      }
    }
  }
}
