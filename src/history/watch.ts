// Tells the index worker which rollout files just changed, from the operating system's file events (one recursive
// watch per rollout folder), because appending to a file does not move its folder's mtime: without this, an append to
// a session last written long ago (`codex resume` of an old thread) would wait for the next full sweep. Best effort:
// where a folder cannot be watched (missing yet, a watch limit, a platform without recursive watches), the sweeps still
// find every change, only later.
import { type FSWatcher, watch } from 'node:fs';
import { basename, join } from 'node:path';
import { isRolloutName, rolloutRoots } from '../codex/history/rollout-files.js';

export class RolloutWatch {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(private readonly changed: (path: string) => void) {}

  /** Watches each home's rollout folders not watched yet (call again later for folders that did not exist). */
  ensure(homes: readonly string[]): void {
    const wanted = new Set(homes.flatMap((home) => rolloutRoots(home).map((r) => r.dir)));
    for (const [dir, watcher] of this.watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { recursive: true, persistent: false }, (_event, name) => {
          if (typeof name === 'string' && isRolloutName(basename(name))) this.changed(join(dir, name));
        });
        watcher.on('error', () => {
          watcher.close();
          this.watchers.delete(dir);
        });
        this.watchers.set(dir, watcher);
      } catch {
        // not there yet, or not watchable here: the sweeps cover it
      }
    }
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
