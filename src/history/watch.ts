// Tells the index worker that something changed in the Codex homes, from the operating system's file events, so an
// idle worker sweeps only when Codex writes (appending to a file does not move its folder's mtime, so the sweeps alone
// would have to keep stat'ing files). One recursive watch per rollout folder, and one plain watch per home for its
// thread-name file and for rollout folders that do not exist yet (a missing home: its nearest existing parent, for
// the home's name). `ensure` says whether every home is covered; where it is not (a platform without recursive
// watches, a watch limit), the worker keeps sweeping on a short timer. Never throws.
import { statSync, type WatchListener, watch } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { rolloutRoots, threadNamesFile } from '../codex/history/rollout-files.js';
import { type Watcher, watchTree } from './watch-tree.js';

/** What `changed` hears: a path under a rollout folder (maybe a rollout), or null for "look again" (a folder appeared). */
export type WatchEvent = (path: string | null) => void;

/** `fs.watch`'s shape, so a test can stand in for a platform without recursive watches. */
export type WatchFn = (dir: string, options: { recursive: boolean; persistent: boolean }, listener: WatchListener<string>) => Watcher;

/** fs.watch, but a folder per watch on Linux, where Node's recursive watch also takes one per file (watch-tree.ts). */
const watchFolders: WatchFn = (dir, options, listener) =>
  options.recursive && process.platform === 'linux' ? watchTree(dir, listener) : watch(dir, options, listener);

interface Wanted {
  dir: string;
  recursive: boolean;
  /** For a plain watch: the entry names that matter (others, such as Codex's logs, are ignored). */
  names: Set<string>;
}

export class RolloutWatch {
  private readonly watchers = new Map<string, Watcher>();
  /** Watches that failed for another reason than a missing folder: tried again only when `ensure` is told to retry. */
  private readonly failed = new Set<string>();
  private wanted = new Map<string, Wanted>();

  constructor(
    private readonly changed: WatchEvent,
    private readonly watchFn: WatchFn = watchFolders,
  ) {}

  /**
   * Watches what the homes need and is not watched yet, and stops watching what they no longer need. Returns whether
   * every change in them will be heard. A watch that failed is tried again only with `retry` (on the full sweeps:
   * setting up a recursive watch walks the whole folder).
   */
  ensure(homes: readonly string[], retry: boolean): boolean {
    this.wanted = wantedWatches(homes);
    for (const [key, watcher] of this.watchers) {
      if (!this.wanted.has(key)) {
        watcher.close();
        this.watchers.delete(key);
      }
    }
    let covered = true;
    for (const [key, want] of this.wanted) {
      if (this.watchers.has(key)) continue;
      if (this.failed.has(key) && !retry) {
        covered = false;
        continue;
      }
      this.failed.delete(key);
      if (!this.start(key, want)) covered = false;
    }
    return covered;
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private drop(key: string): void {
    this.watchers.get(key)?.close();
    this.watchers.delete(key);
  }

  private start(key: string, want: Wanted): boolean {
    try {
      const watcher = this.watchFn(want.dir, { recursive: want.recursive, persistent: false }, (_event, name) => {
        if (want.recursive) {
          this.changed(typeof name === 'string' ? join(want.dir, name) : null);
          return;
        }
        if (typeof name === 'string' && !want.names.has(name)) return;
        // A rollout folder made, removed or replaced: its recursive watch (if any) may follow the folder that was
        // there before, so the next sweep starts it afresh.
        if (typeof name === 'string') this.drop(`tree:${join(want.dir, name)}`);
        this.changed(null);
      });
      watcher.on('error', () => {
        // The folder went away or cannot be watched any more: the next sweep sets things up again.
        watcher.close();
        if (this.watchers.get(key) === watcher) this.watchers.delete(key);
        this.changed(null);
      });
      this.watchers.set(key, watcher);
      return true;
    } catch (error) {
      // A folder removed since it was looked at is set up again by the next sweep; anything else is a real failure.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.failed.add(key);
      return false;
    }
  }
}

/** The watches a set of homes needs, by key (the kind of watch and its folder). */
function wantedWatches(homes: readonly string[]): Map<string, Wanted> {
  const wanted = new Map<string, Wanted>();
  const plain = (dir: string, name: string) => {
    const key = `plain:${dir}`;
    const want = wanted.get(key) ?? { dir, recursive: false, names: new Set<string>() };
    want.names.add(name);
    wanted.set(key, want);
  };
  for (const home of homes) {
    if (isDir(home)) {
      plain(home, basename(threadNamesFile(home)));
      for (const root of rolloutRoots(home)) {
        plain(home, basename(root.dir));
        if (isDir(root.dir)) wanted.set(`tree:${root.dir}`, { dir: root.dir, recursive: true, names: new Set() });
      }
    } else {
      const parent = existingParent(home);
      if (parent) plain(parent, relative(parent, home).split(sep)[0] ?? '');
    }
  }
  return wanted;
}

function existingParent(path: string): string | null {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (isDir(dir)) return dir;
    if (dirname(dir) === dir) return null;
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
