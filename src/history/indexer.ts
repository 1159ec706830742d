// Keeps the History index in step with the rollout files: reads new files whole and grown files from their saved
// byte offset only, drops files that went away, and restarts a file that shrank or was replaced. Runs in the index
// worker (never on the server's event loop); the only writer of the index database. A file it cannot read is
// recorded with the reason and counted, never thrown.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { type ExtractCarry, newCarry, newFacts, type SessionFacts } from '../codex/history/extract.js';
import { GitRootFinder } from '../codex/history/project.js';
import { threadIdFromPath } from '../codex/history/rollout-files.js';
import type { HistoryStatus } from '../shared/history.js';
import type { HistoryDb } from './db.js';
import { DocWriter } from './doc-writer.js';
import { emptyStatus } from './empty-status.js';
import { FileRows, factsOf } from './file-rows.js';
import { type ParseChunk, parseFile } from './parse-file.js';
import type { ParsePool, ParseResult } from './parse-pool.js';
import { RolloutScanner, type SeenFile } from './scan.js';
import { ThreadNames } from './thread-names.js';

interface Known {
  id: number;
  size: number;
  mtimeMs: number;
  ino: number;
  offset: number;
  error: string | null;
  partial: boolean;
  threadId: string | null;
  /**
   * When this run last saw the file change after first reading it: recently changed files are checked on every quick
   * sweep. The first read does not count, or every file of a first build would be checked for an hour.
   */
  touchedAt: number;
}

/** Reading large sweeps on parse workers: the pool to use, and from how many bytes of work on. */
export interface ParsingOptions {
  pool: () => ParsePool;
  minBytes: number;
}

/** How a file is to be read: decided before its bytes are parsed (maybe on a parse worker), applied after. */
interface ReadPlan {
  known: Known | undefined;
  /** Replaced, or rewritten shorter: what was read no longer describes it. */
  replaced: boolean;
  from: number;
  facts: SessionFacts;
  carry: ExtractCarry;
  malformed: number;
}

export interface IndexerEvents {
  status(status: HistoryStatus): void;
  /**
   * Files whose rows were added or changed, thread ids whose files left the index, and thread ids of files read for
   * the first time (a rollout Codex just wrote: the server stops looking for it).
   */
  changed(fileIds: number[], removedThreadIds: string[], addedThreadIds: string[]): void;
}

/** Files written within this long are checked on every quick sweep (appends do not touch a folder's mtime). */
const HOT_MS = 60 * 60 * 1000;
/** A read commits at least this often, so a huge file shows progress and a crash loses little. */
export const COMMIT_BYTES = 16 * 1024 * 1024;
const BATCH_BYTES = 64 * 1024 * 1024;
const BATCH_MS = 500;
/** A sweep with this much to read shows as `building`; smaller catch-ups stay `ready`. */
export const BUILDING_BYTES = 32 * 1024 * 1024;
const STATUS_EVERY_MS = 250;
/**
 * Files parsed ahead of the one being written, at most (and at most this many bytes of them). Enough to keep the
 * parse workers busy through a commit (tens of milliseconds, longer on a busy machine), or they sat idle there and the
 * writer waited on them after. What waits is small: a file's documents are a few percent of its bytes.
 */
const AHEAD_FILES = 256;
const AHEAD_BYTES = 256 * 1024 * 1024;
const MAX_LISTED_UNREADABLE = 20;

export class HistoryIndexer {
  private readonly known = new Map<string, Known>();
  private readonly scanner = new RolloutScanner();
  private readonly names = new ThreadNames();
  private readonly files: FileRows;
  private readonly st: HistoryStatus;
  private lastStatusAt = 0;
  private pendingChanged: number[] = [];
  private pendingRemoved: string[] = [];
  private pendingAdded: string[] = [];
  private readonly docs: DocWriter;
  private rate: { bytes: number; ms: number } = { bytes: 0, ms: 0 };
  /** Files the last sweep looked at on disk: what an idle quick sweep costs. */
  statted = 0;

  constructor(
    private readonly db: HistoryDb,
    private homes: string[],
    private readonly events: IndexerEvents,
    private readonly now: () => number = Date.now,
    private readonly parsing: ParsingOptions | null = null,
  ) {
    this.docs = new DocWriter(db);
    this.files = new FileRows(db, new GitRootFinder());
    for (const row of this.files.heads()) {
      this.known.set(row.path, {
        id: row.id,
        size: row.size,
        mtimeMs: row.mtime_ms,
        ino: row.ino,
        offset: row.offset,
        error: row.error,
        partial: row.partial === 1,
        threadId: row.thread_id,
        touchedAt: 0,
      });
    }
    this.st = emptyStatus('starting', null, this.known.size);
  }

  status(): HistoryStatus {
    return structuredClone(this.st);
  }

  /**
   * The file changed on disk (a file event): quick sweeps check it from now on, as one recently written. A path the
   * index does not know (a new file or folder) has its folder listed again by the next quick sweep, which otherwise
   * lists only the newest folders: a rollout put in last month's folder waited for the next full sweep.
   */
  touched(path: string): void {
    const k = this.known.get(path);
    if (k) k.touchedAt = this.now();
    else this.scanner.relist(dirname(path));
  }

  /** Replaces the homes indexed; files of homes no longer listed leave the index at the next sweep. */
  setHomes(homes: string[]): void {
    this.homes = homes;
  }

  homesIndexed(): readonly string[] {
    return this.homes;
  }

  /**
   * One pass. A full pass lists every folder again and stats every file; a quick one relists only folders that
   * changed and stats only new and recently written files.
   */
  async sweep(full: boolean, signal?: AbortSignal): Promise<void> {
    const seen = this.scanner.list(this.homes, full);
    const listed = this.scanner.changed;
    if (listed) {
      const seenPaths = new Set<string>();
      for (const f of seen) seenPaths.add(f.path);
      for (const [path, k] of this.known) if (!seenPaths.has(path)) this.remove(path, k);
    }

    const hotSince = this.now() - HOT_MS;
    const work: { file: SeenFile; size: number; mtimeMs: number; ino: number }[] = [];
    this.statted = 0;
    for (const file of seen) {
      const k = this.known.get(file.path);
      if (!full && k && k.mtimeMs < hotSince && k.touchedAt < hotSince) continue;
      this.statted++;
      let info: ReturnType<typeof statSync>;
      try {
        info = statSync(file.path);
      } catch {
        if (k) this.remove(file.path, k);
        continue;
      }
      if (k && k.size === info.size && k.mtimeMs === info.mtimeMs && k.ino === info.ino) continue;
      work.push({ file, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });
    }
    for (const r of this.names.read(this.homes)) this.rename(r.home, r.threadId, r.name);
    if (!listed && work.length === 0 && this.st.state === 'ready' && this.pendingRemoved.length + this.pendingChanged.length === 0) {
      return; // nothing moved: an idle quick sweep ends here
    }

    const bytes = work.reduce((sum, w) => sum + Math.max(0, w.size - (this.known.get(w.file.path)?.offset ?? 0)), 0);
    const first = this.st.state === 'starting';
    if (first || bytes >= BUILDING_BYTES) {
      this.st.state = 'building';
      this.st.startedAtIso = new Date(this.now()).toISOString();
      this.st.filesDone = 0;
      this.st.bytesDone = 0;
      this.st.filesTotal = work.length;
      this.st.bytesTotal = bytes;
      this.emitStatus(true);
    }
    // Many files share one transaction: FTS5 writes a segment per commit, and merging thousands of small ones was most
    // of a build's time. A batch still ends every BATCH_MS, so what is read shows up while the build goes on.
    let batchBytes = 0;
    let batchStarted = this.now();
    const commitBatch = () => {
      if (this.db.inTransaction) this.db.exec('COMMIT');
      this.flushChanged();
      batchBytes = 0;
      batchStarted = this.now();
    };
    // A large sweep parses files on other cores, a few files ahead of the one being written, in order.
    const pool = this.parsing && bytes >= this.parsing.minBytes ? this.parsing.pool() : null;
    const ahead = new Map<number, { plan: ReadPlan; parsed: Promise<ParseResult>; bytes: number }>();
    let submitted = 0;
    let aheadBytes = 0;
    const fill = (i: number) => {
      while (pool && submitted < work.length && (submitted <= i || (submitted - i < AHEAD_FILES && aheadBytes < AHEAD_BYTES))) {
        const w = work[submitted] as (typeof work)[number];
        const plan = this.plan(w.file, w.size, w.ino);
        const parsed = pool.parse({ path: w.file.path, from: plan.from, facts: plan.facts, carry: plan.carry });
        parsed.catch(() => {}); // a sweep that stops early leaves some unread; the error that stopped it is reported
        ahead.set(submitted, { plan, parsed, bytes: w.size - plan.from });
        aheadBytes += w.size - plan.from;
        submitted++;
      }
    };
    try {
      for (let i = 0; i < work.length; i++) {
        const w = work[i] as (typeof work)[number];
        signal?.throwIfAborted();
        fill(i);
        const next = ahead.get(i);
        ahead.delete(i);
        aheadBytes -= next?.bytes ?? 0;
        const parsed = next ? await next.parsed : null;
        if (!this.db.inTransaction) this.db.exec('BEGIN');
        const before = this.known.get(w.file.path)?.offset ?? 0;
        this.read(w.file, w.size, w.mtimeMs, w.ino, next?.plan ?? this.plan(w.file, w.size, w.ino), parsed);
        this.st.filesDone++;
        this.st.bytesDone += Math.max(0, w.size - before);
        batchBytes += Math.max(0, w.size - before);
        if (batchBytes >= BATCH_BYTES || this.now() - batchStarted >= BATCH_MS) {
          commitBatch();
          // Lets the worker hear a "close" between batches.
          await new Promise((r) => setImmediate(r));
        }
        this.emitStatus(false);
      }
    } finally {
      commitBatch();
      await pool?.close();
    }
    if (this.st.state !== 'ready') {
      this.st.state = 'ready';
      this.st.readyAtIso = new Date(this.now()).toISOString();
    }
    this.refreshCounts();
  }

  private plan(file: SeenFile, size: number, ino: number): ReadPlan {
    const known = this.known.get(file.path);
    const replaced = known !== undefined && (known.ino !== ino || size < known.offset);
    const row = known && !replaced ? this.files.row(known.id) : undefined;
    let carry: ExtractCarry = newCarry();
    if (row?.carry) {
      try {
        carry = JSON.parse(row.carry) as ExtractCarry;
      } catch {
        // an unreadable carry only costs the turn numbering of what follows
      }
    }
    return {
      known,
      replaced,
      from: known && !replaced ? known.offset : 0,
      facts: row ? factsOf(row) : newFacts(),
      carry,
      malformed: row?.malformed ?? 0,
    };
  }

  /** Reads a file as `plan` says: here, or from what a parse worker made of it (`parsed`). */
  private read(file: SeenFile, size: number, mtimeMs: number, ino: number, plan: ReadPlan, parsed: ParseResult | null): void {
    let k = plan.known;
    if (k && plan.replaced) {
      this.remove(file.path, k);
      k = undefined;
    }
    const id = k?.id ?? this.files.insert(file, size, mtimeMs, ino);
    const startedAt = this.now();
    let offset = plan.from;
    let malformed = plan.malformed;
    let facts = plan.facts;
    let error: string | null = null;
    const commit = (chunk: ParseChunk) => {
      malformed += chunk.malformed;
      facts = chunk.facts;
      this.atomically(() => {
        this.docs.insert(id, chunk.docs);
        const threadId = chunk.facts.threadId ?? threadIdFromPath(file.path);
        this.files.save(id, file, {
          facts: chunk.facts,
          carry: chunk.carry,
          offset: chunk.lineEnd,
          malformed,
          size,
          mtimeMs,
          ino,
          partial: chunk.lineEnd < size,
          name: threadId ? this.names.nameOf(file.home, threadId) : null,
        });
      });
      offset = chunk.lineEnd;
    };
    if (parsed) {
      for (const chunk of parsed.chunks) commit(chunk);
      error = parsed.error;
    } else {
      try {
        parseFile({ path: file.path, from: offset, facts, carry: plan.carry }, COMMIT_BYTES, commit);
      } catch (e) {
        error = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      }
    }
    if (!error && offset > 0 && malformed > 0 && this.docs.count(id) === 0 && facts.threadId === null) {
      error = 'no line of it is a Codex record';
    }
    if (error) this.files.markUnreadable(id, error, size, mtimeMs, ino);
    const elapsed = this.now() - startedAt;
    this.rate = { bytes: this.rate.bytes + (size - plan.from), ms: this.rate.ms + elapsed };
    const threadId = facts.threadId ?? threadIdFromPath(file.path);
    this.known.set(file.path, {
      id,
      size,
      mtimeMs,
      ino,
      offset,
      error,
      partial: offset < size,
      threadId,
      touchedAt: k ? this.now() : 0,
    });
    this.pendingChanged.push(id);
    if (!k) {
      // Named by both ids when they differ (a copied file): the server looks rollouts up by the name.
      const named = threadIdFromPath(file.path);
      for (const id of new Set([threadId, named])) if (id) this.pendingAdded.push(id);
    }
  }

  /**
   * Runs `fn` in a transaction, or inside the batch already open. Not as a savepoint: FTS5 flushes its pending terms
   * to a new segment at every savepoint, which was a fifth of a build's time.
   */
  private atomically(fn: () => void): void {
    if (this.db.inTransaction) fn();
    else this.db.transaction(fn)();
  }

  private remove(path: string, k: Known): void {
    this.atomically(() => {
      this.docs.removeFile(k.id);
      this.files.delete(k.id);
    });
    this.known.delete(path);
    if (k.threadId) this.pendingRemoved.push(k.threadId);
  }

  private rename(home: string, threadId: string, name: string): void {
    for (const id of this.files.idsOfThread(threadId, home)) {
      this.atomically(() => {
        this.files.setName(id, name);
        this.docs.replaceTitle(id, name);
      });
      this.pendingChanged.push(id);
    }
  }

  /** Reports what the last commit changed (never before it: the server reads through its own connection). */
  private flushChanged(): void {
    if (this.pendingChanged.length === 0 && this.pendingRemoved.length === 0) return;
    this.events.changed([...new Set(this.pendingChanged)], this.pendingRemoved, this.pendingAdded);
    this.pendingChanged = [];
    this.pendingRemoved = [];
    this.pendingAdded = [];
  }

  private refreshCounts(): void {
    const counts = this.files.counts();
    const unreadable = this.files.unreadable(MAX_LISTED_UNREADABLE);
    const homes = this.homes.map((home) => ({ codexHome: home, sessions: this.files.sessionsIn(home), exists: existsDir(home) }));
    // What a status push tells the page; a push goes out only when it changed (or none went out yet).
    const shown = () =>
      JSON.stringify([
        this.st.sessions,
        this.st.unreadableFiles,
        this.st.halfWrittenFiles,
        this.st.malformedLines,
        this.st.homes,
        this.st.state,
      ]);
    const before = shown();
    this.st.sessions = counts.sessions;
    this.st.unreadableFiles = counts.unreadable;
    this.st.halfWrittenFiles = counts.partial;
    this.st.malformedLines = counts.malformed;
    this.st.unreadable = unreadable;
    this.st.homes = homes;
    this.st.etaSeconds = null;
    const after = shown();
    if (before !== after || this.lastStatusAt === 0) this.emitStatus(true);
  }

  private emitStatus(force: boolean): void {
    const now = this.now();
    if (!force && now - this.lastStatusAt < STATUS_EVERY_MS) return;
    this.lastStatusAt = now;
    if (this.st.state === 'building') {
      const left = this.st.bytesTotal - this.st.bytesDone;
      this.st.etaSeconds = this.rate.ms > 500 && this.rate.bytes > 0 ? Math.ceil((left / this.rate.bytes) * (this.rate.ms / 1000)) : null;
    }
    this.events.status(this.status());
  }
}

function existsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
