// Keeps one RolloutState per session and, while a session runs, follows its rollout and pushes usage and
// activity as Codex appends. Reads only appended bytes; never blocks on a missing file: one shared sweep with a
// backoff looks for every rollout not written yet (MissingRollouts), so silent sessions cost nothing while idle.
import { type FSWatcher, watch } from 'node:fs';
import { type FoundRollout, RolloutFinder, RolloutNotFound } from '../codex/rollout/finder.js';
import { type MissingRolloutOptions, MissingRollouts } from '../codex/rollout/missing.js';
import { RolloutState } from '../codex/rollout/state.js';
import type { Delivery } from '../delivery/delivery.js';
import { SessionNotFound } from '../errors.js';
import type { Settings } from '../settings.js';
import type { SessionId, ThreadId } from '../shared/ids.js';
import type { Store } from '../store/store.js';
import type { PushHub } from './push.js';

const POLL_MS = 1_000;
const DEBOUNCE_MS = 30;

interface Entry {
  path: string;
  state: Promise<RolloutState>;
  /** Refreshes run one after another so two tail reads never overlap. */
  chain: Promise<unknown>;
}

interface Watch {
  threadId: ThreadId;
  /** The poll, only while the rollout is open: a session without one has nothing to poll. */
  timer: NodeJS.Timeout | null;
  watcher: FSWatcher | null;
  debounce: NodeJS.Timeout | null;
}

export class RolloutLive {
  readonly finder: RolloutFinder;
  /** Running sessions whose rollout is not there (yet). */
  readonly missing: MissingRollouts<SessionId>;
  private readonly entries = new Map<SessionId, Entry>();
  private readonly watches = new Map<SessionId, Watch>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly ctx: { settings: Settings; store: Store; delivery: Delivery; push: PushHub },
    options: { missing?: MissingRolloutOptions } = {},
  ) {
    this.finder = new RolloutFinder(ctx.settings.codexHome);
    this.missing = new MissingRollouts<SessionId>(this.finder, (id, found) => this.foundLater(id, found), options.missing);
  }

  /** Sessions whose open rollout is polled (a running session without a rollout has no timer). */
  get polled(): number {
    let n = 0;
    for (const w of this.watches.values()) if (w.timer) n++;
    return n;
  }

  /** Starts following running sessions, now and as their status changes. */
  start(): void {
    for (const s of this.ctx.store.sessions.list()) if (s.status === 'RUNNING' && s.threadId) this.watch(s.id, s.threadId);
    this.unsubscribe = this.ctx.delivery.subscribe((change) => {
      if (change.type === 'session.deleted') {
        this.unwatch(change.sessionId);
        this.entries.delete(change.sessionId);
      } else if (change.session?.status === 'RUNNING' && change.session.threadId) {
        this.watch(change.sessionId, change.session.threadId);
      } else if (change.session && this.watches.has(change.sessionId)) {
        const id = change.sessionId;
        void this.tick(id)
          .catch(() => undefined)
          .finally(() => this.unwatch(id));
      }
    });
  }

  /** The session's rollout file: the stored path if it still exists, else found by thread id (and stored). */
  async locate(sessionId: SessionId): Promise<FoundRollout> {
    const session = this.ctx.store.sessions.summary(sessionId);
    if (!session) throw new SessionNotFound(sessionId);
    if (!session.threadId) throw new RolloutNotFound('(not bound to a Codex thread yet)', this.ctx.settings.codexHome);
    const found = await this.finder.find(session.threadId);
    if (!found) throw new RolloutNotFound(session.threadId, this.ctx.settings.codexHome);
    this.ctx.delivery.rolloutLocated(sessionId, found.path);
    return found;
  }

  /** The up-to-date state for a session (opened on first use, refreshed from the tail). */
  async state(sessionId: SessionId): Promise<RolloutState> {
    await this.tick(sessionId, true);
    const entry = this.entries.get(sessionId);
    if (!entry) throw new RolloutNotFound(this.ctx.store.sessions.summary(sessionId)?.threadId ?? sessionId, this.ctx.settings.codexHome);
    return entry.state;
  }

  /**
   * Reads what was appended and pushes the changes. With `strict` (a person asked), a rollout not opened yet is looked
   * for now and lookup failures are thrown; otherwise the shared sweep looks for it.
   */
  private async tick(sessionId: SessionId, strict = false): Promise<void> {
    const entry = this.entries.get(sessionId);
    if (!entry) {
      if (!strict) {
        const w = this.watches.get(sessionId);
        if (w) this.missing.add(sessionId, w.threadId);
        return;
      }
      const found = await this.locate(sessionId);
      if (!this.entries.has(sessionId)) await this.open(sessionId, found).state;
      return;
    }
    const current = entry;
    const run = current.chain.then(async () => {
      const state = await current.state;
      const changes = await state.refresh().catch((error: NodeJS.ErrnoException) => {
        // The file was deleted or moved (Codex archives old sessions): forget it so the next tick finds it again.
        if (error.code === 'ENOENT') this.forget(sessionId);
        throw error;
      });
      if (changes.usage) this.ctx.push.publish({ type: 'usage.updated', sessionId, usage: changes.usage });
      for (const group of changes.activity)
        this.ctx.push.publish({ type: 'activity.appended', sessionId, turn: group.turn, items: group.items });
    });
    current.chain = run.catch(() => undefined);
    await run;
  }

  private open(sessionId: SessionId, found: FoundRollout): Entry {
    this.missing.remove(sessionId);
    const state = RolloutState.open(found.path);
    const entry: Entry = { path: found.path, state, chain: state };
    this.entries.set(sessionId, entry);
    this.attachWatcher(sessionId, found.path);
    state.then((s) => this.publishSnapshot(sessionId, s)).catch(() => this.entries.delete(sessionId));
    return entry;
  }

  /** The sweep found a rollout that was missing: open it if the session is still followed and nobody opened it since. */
  private foundLater(sessionId: SessionId, found: FoundRollout): void {
    if (!this.watches.has(sessionId) || this.entries.has(sessionId)) return;
    try {
      this.ctx.delivery.rolloutLocated(sessionId, found.path);
    } catch {
      return; // the session went away meanwhile
    }
    this.open(sessionId, found).state.catch(() => undefined);
  }

  private publishSnapshot(sessionId: SessionId, state: RolloutState): void {
    if (!this.watches.has(sessionId)) return;
    this.ctx.push.publish({ type: 'usage.updated', sessionId, usage: state.usageSnapshot() });
    const activity = state.activitySnapshot();
    if (activity.turn) this.ctx.push.publish({ type: 'activity.appended', sessionId, turn: activity.turn, items: activity.items });
  }

  private watch(sessionId: SessionId, threadId: ThreadId): void {
    const known = this.watches.get(sessionId);
    if (known) {
      // Codex is at work in this thread, so a rollout still missing is probably there by now.
      this.missing.nudge(sessionId);
      return;
    }
    this.watches.set(sessionId, { threadId, timer: null, watcher: null, debounce: null });
    const entry = this.entries.get(sessionId);
    if (entry) this.attachWatcher(sessionId, entry.path);
    void this.tick(sessionId).catch(() => undefined);
  }

  /**
   * Follows an open rollout: fs.watch is fast but may miss events (network drives, some editors), so a poll is the
   * safety net. Without a rollout there is neither: looking for the file is the sweep's job (200 silent sessions
   * with a timer each were 200 wake-ups a second for nothing).
   */
  private attachWatcher(sessionId: SessionId, path: string): void {
    const w = this.watches.get(sessionId);
    if (!w) return;
    if (!w.timer) {
      w.timer = setInterval(() => {
        if (this.entries.has(sessionId)) void this.tick(sessionId).catch(() => undefined);
      }, POLL_MS);
      w.timer.unref();
    }
    if (w.watcher) return;
    try {
      w.watcher = watch(path, { persistent: false }, () => {
        if (w.debounce) return;
        w.debounce = setTimeout(() => {
          w.debounce = null;
          void this.tick(sessionId).catch(() => undefined);
        }, DEBOUNCE_MS);
      });
      w.watcher.on('error', () => undefined);
    } catch {
      // polling alone still works
    }
  }

  /** The file went (deleted, or archived by Codex): drop it and let the sweep find where it is now. */
  private forget(sessionId: SessionId): void {
    this.entries.delete(sessionId);
    const w = this.watches.get(sessionId);
    w?.watcher?.close();
    if (!w) return;
    w.watcher = null;
    if (w.timer) clearInterval(w.timer);
    w.timer = null;
    this.missing.add(sessionId, w.threadId);
  }

  private unwatch(sessionId: SessionId): void {
    this.missing.remove(sessionId);
    const w = this.watches.get(sessionId);
    if (!w) return;
    if (w.timer) clearInterval(w.timer);
    if (w.debounce) clearTimeout(w.debounce);
    w.watcher?.close();
    this.watches.delete(sessionId);
  }

  isWatching(sessionId: SessionId): boolean {
    return this.watches.has(sessionId);
  }

  close(): void {
    this.unsubscribe?.();
    this.missing.close();
    for (const id of [...this.watches.keys()]) this.unwatch(id);
    this.entries.clear();
  }
}
