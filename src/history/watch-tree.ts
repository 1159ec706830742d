// A recursive folder watch made of one plain watch per folder, for Linux: Node's own recursive watch there also
// watches every file (a year of rollouts took one inotify watch each, from a budget other programs share, and a full
// budget failed silently). A folder's plain watch already reports writes to the files in it. A folder made later is
// watched as it appears, and what it already holds is reported, so nothing written into it in between is missed.
import { EventEmitter } from 'node:events';
import { type Dirent, type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { join, relative } from 'node:path';

/** What RolloutWatch needs of a watch. */
export interface Watcher {
  close(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Hears an event and the path it concerns, relative to the root (`fs.watch` passes the event as a string too). */
type TreeListener = (event: 'rename' | 'change', name: string | null) => void;

/** Folders below the root watched at most (Codex's are sessions/YYYY/MM/DD). */
const MAX_DEPTH = 4;

/**
 * Watches `root` and its folders; `listener` hears each event's path relative to `root`, as `fs.watch` with
 * `recursive` does. Throws when the root or a folder in it cannot be watched.
 */
export function watchTree(root: string, listener: TreeListener): Watcher {
  return new TreeWatch(root, listener);
}

class TreeWatch extends EventEmitter implements Watcher {
  private readonly folders = new Map<string, FSWatcher>();
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly listener: TreeListener,
  ) {
    super();
    try {
      this.add(root, 0, false);
    } catch (error) {
      this.close();
      throw error;
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.folders.values()) w.close();
    this.folders.clear();
  }

  /** Watches `dir` (before listing it, so nothing made meanwhile goes unheard), then its subfolders. */
  private add(dir: string, depth: number, report: boolean): void {
    if (this.closed || this.folders.has(dir)) return;
    const w = watch(dir, { persistent: false }, (event, name) => this.heard(dir, depth, event, name));
    w.on('error', (error) => {
      // A folder removed is not an error of the whole watch; anything else is (the worker falls back then).
      if (!this.folders.has(dir) || !isDir(dir)) this.drop(dir);
      else this.emit('error', error);
    });
    this.folders.set(dir, w);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // gone already: its parent's watch reports that
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (report) this.listener('rename', relative(this.root, path));
      if (e.isDirectory() && depth < MAX_DEPTH) this.add(path, depth + 1, report);
    }
  }

  private heard(dir: string, depth: number, event: 'rename' | 'change', name: string | null): void {
    if (this.closed) return;
    if (typeof name !== 'string') {
      this.listener(event, null);
      return;
    }
    const path = join(dir, name);
    this.listener(event, relative(this.root, path));
    if (event !== 'rename' || depth >= MAX_DEPTH) return;
    if (isDir(path)) {
      try {
        this.add(path, depth + 1, true);
      } catch (error) {
        this.emit('error', error as Error);
      }
    } else this.drop(path);
  }

  /** Stops watching a folder that went away, and every folder under it. */
  private drop(dir: string): void {
    for (const [path, w] of this.folders) {
      if (path === dir || path.startsWith(`${dir}/`)) {
        w.close();
        this.folders.delete(path);
      }
    }
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
