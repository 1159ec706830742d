// Finds a thread's rollout under $CODEX_HOME/{sessions,archived_sessions} without walking everything: cache,
// then Codex's thread index, then the date folders the UUIDv7 id points at, then a bounded scan. Looking again for
// threads still missing costs a stat per folder and per index file while nothing changed. Never throws.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../errors.js';
import { codexFiles } from '../paths.js';
import { lookupThreadIndexMany } from './thread-index.js';

export interface FoundRollout {
  path: string;
  fileName: string;
  sizeBytes: number;
  createdAtIso: string | null;
  updatedAtIso: string;
  via: 'cache' | 'index' | 'date' | 'scan';
}

const DAY_MS = 86_400_000;
const UUID7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ROLLOUT_NAME = /^rollout-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(.+)\.jsonl$/;

/** The creation time a UUIDv7 carries in its first 48 bits, or null for other ids. */
export function uuidV7Time(threadId: string): Date | null {
  const m = UUID7.exec(threadId);
  if (!m) return null;
  const ms = Number.parseInt(`${m[1]}${m[2]}`, 16);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Folder names are written in Codex's local time, so look at the UTC day and both neighbours. */
function dayFolders(at: Date): string[] {
  return [0, -1, 1].map((k) => {
    const d = new Date(at.getTime() + k * DAY_MS);
    return join(String(d.getUTCFullYear()), pad(d.getUTCMonth() + 1), pad(d.getUTCDate()));
  });
}

async function list(dir: string): Promise<import('node:fs').Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return []; // missing or unreadable: skip it, keep looking elsewhere
  }
}

/** A folder as last listed: its rollouts by thread id and its subfolders. */
interface Listing {
  mtimeMs: number;
  /** Listed long enough after its last change that a further change must move its mtime (coarse clocks tick 2 s). */
  settled: boolean;
  rollouts: Map<string, string>;
  dirs: string[];
}
const SETTLED_MS = 2_000;
const NO_LISTING: Listing = { mtimeMs: 0, settled: false, rollouts: new Map(), dirs: [] };
/** Listings kept at most (the folders missing threads point at, and one walk's): past this, all are dropped. */
const MAX_LISTINGS = 20_000;

/** Size and mtime of a file, or '-' when it is missing: changes whenever SQLite writes it. */
async function stamp(path: string): Promise<string> {
  try {
    const info = await stat(path);
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return '-';
  }
}

export class RolloutFinder {
  private readonly cache = new Map<string, string>();
  private lastScanAt = 0;
  /**
   * Negative caching for threads with no rollout yet: a folder is listed again only when its mtime moved (a file
   * made, renamed or removed in it moves it), and Codex's thread index is asked again only about threads it did not
   * know when it has been written since.
   */
  private readonly listings = new Map<string, Listing>();
  private indexStamp = '';
  private readonly indexMisses = new Set<string>();
  private readonly foldersOf = new Map<string, string[]>();
  /** Folders listed and thread-index lookups made so far: what looking again for missing threads costs. */
  readonly work = { listed: 0, indexLookups: 0 };

  constructor(
    private readonly codexHome: string,
    private readonly opts: { maxScanEntries?: number; rescanAfterMs?: number; now?: () => number } = {},
  ) {}

  private roots(): string[] {
    return [codexFiles.sessions(this.codexHome), codexFiles.archivedSessions(this.codexHome)];
  }

  /** The rollout of `threadId`, or null when none exists (yet). */
  async find(threadId: string): Promise<FoundRollout | null> {
    return (await this.findMany([threadId])).get(threadId) ?? null;
  }

  /**
   * The rollouts of many threads in one pass: one handle on Codex's thread index for all of them, each date folder
   * listed once however many threads point at it, and at most one bounded scan (`scan: false` skips it). Threads
   * with no rollout (yet) are absent from the answer.
   */
  async findMany(threadIds: readonly string[], options: { scan?: boolean } = {}): Promise<Map<string, FoundRollout>> {
    const found = new Map<string, FoundRollout>();
    const left = new Set(threadIds);
    for (const id of threadIds) {
      const cached = this.cache.get(id);
      if (!cached) continue;
      const hit = await describe(cached, 'cache');
      if (hit) {
        found.set(id, hit);
        left.delete(id);
      } else this.cache.delete(id);
    }
    for (const [id, path] of await this.askIndex([...left])) {
      const hit = await describe(path, 'index');
      if (hit) {
        found.set(id, this.remember(id, hit));
        left.delete(id);
      }
    }
    // Date folder → the threads born then that are still missing; Codex names each file after its thread.
    const wanted = new Map<string, Set<string>>();
    for (const id of left) {
      for (const dir of this.folders(id)) {
        const ids = wanted.get(dir) ?? new Set<string>();
        ids.add(id);
        wanted.set(dir, ids);
      }
    }
    for (const [dir, ids] of wanted) {
      const listing = await this.listing(dir);
      for (const id of ids) {
        const name = listing.rollouts.get(id);
        if (!name || !left.has(id)) continue;
        const hit = await describe(join(dir, name), 'date');
        if (hit) {
          found.set(id, this.remember(id, hit));
          left.delete(id);
        }
      }
    }
    if (left.size > 0 && options.scan !== false) {
      for (const [id, hit] of await this.scan([...left])) found.set(id, hit);
    }
    return found;
  }

  /** Codex's thread index, asked only about threads it did not know the last time, unless it was written since. */
  private async askIndex(threadIds: string[]): Promise<Map<string, string>> {
    const file = codexFiles.threadIndex(this.codexHome);
    const now = `${await stamp(file)}|${await stamp(`${file}-wal`)}`;
    if (now !== this.indexStamp) {
      this.indexStamp = now;
      this.indexMisses.clear();
    }
    const ask = threadIds.filter((id) => !this.indexMisses.has(id));
    if (ask.length > 0) this.work.indexLookups++;
    const known = lookupThreadIndexMany(file, ask);
    for (const id of ask) if (!known.has(id)) this.indexMisses.add(id);
    return known;
  }

  /** The folders a thread's rollout is looked for in: its date folders (from the UUIDv7) and each root. */
  private folders(threadId: string): string[] {
    let dirs = this.foldersOf.get(threadId);
    if (!dirs) {
      const born = uuidV7Time(threadId);
      dirs = born ? this.roots().flatMap((root) => [...dayFolders(born).map((d) => join(root, d)), root]) : [];
      if (this.foldersOf.size >= MAX_LISTINGS) this.foldersOf.clear();
      this.foldersOf.set(threadId, dirs);
    }
    return dirs;
  }

  /** A folder's rollouts and subfolders, listed again only when its mtime moved (or it changed just before). */
  private async listing(dir: string): Promise<Listing> {
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(dir)).mtimeMs;
    } catch {
      this.listings.delete(dir);
      return NO_LISTING;
    }
    const known = this.listings.get(dir);
    if (known?.settled && known.mtimeMs === mtimeMs) return known;
    this.work.listed++;
    const listedAt = Date.now();
    const listing: Listing = { mtimeMs, settled: listedAt - mtimeMs >= SETTLED_MS, rollouts: new Map(), dirs: [] };
    for (const e of await list(dir)) {
      if (e.isDirectory()) listing.dirs.push(e.name);
      else {
        const id = ROLLOUT_NAME.exec(e.name)?.[7];
        if (id) listing.rollouts.set(id, e.name);
      }
    }
    if (this.listings.size >= MAX_LISTINGS) this.listings.clear();
    this.listings.set(dir, listing);
    return listing;
  }

  private remember(threadId: string, hit: FoundRollout): FoundRollout {
    this.cache.set(threadId, hit.path);
    return hit;
  }

  /** Walks both roots (newest folders first) once per `rescanAfterMs`, caching every rollout it sees. */
  private async scan(threadIds: string[]): Promise<Map<string, FoundRollout>> {
    const now = (this.opts.now ?? Date.now)();
    if (now - this.lastScanAt >= (this.opts.rescanAfterMs ?? 5_000)) {
      this.lastScanAt = now;
      let budget = this.opts.maxScanEntries ?? 200_000;
      const stack = this.roots().reverse();
      while (stack.length > 0 && budget > 0) {
        const dir = stack.pop() as string;
        const listing = await this.listing(dir);
        budget -= listing.dirs.length + listing.rollouts.size;
        for (const [id, name] of listing.rollouts) if (!this.cache.has(id)) this.cache.set(id, join(dir, name));
        stack.push(...listing.dirs.map((d) => join(dir, d)).sort()); // sorted ascending, popped descending: newest dates first
      }
    }
    const found = new Map<string, FoundRollout>();
    for (const id of threadIds) {
      const path = this.cache.get(id);
      const hit = path ? await describe(path, 'scan') : null;
      if (hit) found.set(id, hit);
    }
    return found;
  }
}

async function describe(path: string, via: FoundRollout['via']): Promise<FoundRollout | null> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    const fileName = path.split(/[\\/]/).at(-1) ?? path;
    const m = ROLLOUT_NAME.exec(fileName);
    const born = m?.[7] ? uuidV7Time(m[7]) : null;
    const named = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`) : null;
    const created = born ?? (named && !Number.isNaN(named.getTime()) ? named : null);
    return {
      path,
      fileName,
      sizeBytes: info.size,
      createdAtIso: created?.toISOString() ?? null,
      updatedAtIso: info.mtime.toISOString(),
      via,
    };
  } catch {
    return null;
  }
}

/** 404: no rollout file for this thread (yet). Says where we looked so the person can check. */
export class RolloutNotFound extends AppError {
  constructor(
    readonly threadId: string,
    readonly codexHome: string,
  ) {
    super(
      404,
      `No Codex rollout file was found for thread ${threadId} under ${codexHome}/sessions or ${codexHome}/archived_sessions. Codex writes it once the thread has started; if Codex uses another CODEX_HOME, start Codex Pro Max with the same CODEX_HOME.`,
    );
  }
}
