// Lists the rollout files of the Codex homes being indexed, cheaply enough to run twice a second: a folder is listed
// again only when its modification time moved (adding or removing a file moves it; appending to one does not, which
// is why the indexer stats the recently written files itself). A quick pass looks only at the newest folders of each
// level, because Codex files a new rollout under today's date; a fresh pass looks at them all. Never throws: a folder
// it cannot read is skipped.
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isRolloutName, rolloutRoots } from '../codex/history/rollout-files.js';

export interface SeenFile {
  path: string;
  home: string;
  archived: boolean;
}

interface Listing {
  mtimeMs: number;
  dirs: string[];
  files: SeenFile[];
}

// sessions/YYYY/MM/DD holds the files; deeper folders are not Codex's.
const MAX_DEPTH = 4;
/** On a quick pass, the newest this many folders of each level are looked at (yesterday's too, around midnight). */
const NEWEST_FOLDERS = 2;

export class RolloutScanner {
  private readonly listings = new Map<string, Listing>();
  private lastHomes = '';
  private last: SeenFile[] = [];
  /** Whether the last `list` found a folder added, removed or changed since the one before. */
  changed = true;

  /**
   * Every rollout file under the homes' `sessions` and `archived_sessions` folders; `fresh` looks at every folder
   * again. Returns the same array as the last call when nothing changed.
   */
  list(homes: readonly string[], fresh = false): SeenFile[] {
    const key = homes.join('\0');
    if (fresh || key !== this.lastHomes) this.listings.clear();
    this.lastHomes = key;
    this.changed = false;
    const out: SeenFile[] = [];
    const live = new Set<string>();
    for (const home of homes) {
      for (const root of rolloutRoots(home)) this.walk(root.dir, 0, home, root.archived, out, live, true);
    }
    for (const dir of this.listings.keys()) {
      if (!live.has(dir)) {
        this.listings.delete(dir);
        this.changed = true;
      }
    }
    if (fresh || this.changed || out.length !== this.last.length) {
      this.changed = true;
      this.last = out;
    }
    return this.last;
  }

  /** Lists `dir` again on the next pass, even a quick one, whatever its modification time says. */
  relist(dir: string): void {
    // Forgetting its listing is enough: a walk lists a folder it has no listing of. The time alone would not do, as
    // a folder's modification time can stay the same across writes made within one tick of the file system's clock.
    this.listings.delete(dir);
  }

  private walk(dir: string, depth: number, home: string, archived: boolean, out: SeenFile[], live: Set<string>, look: boolean): void {
    const listing = look ? this.listing(dir, home, archived) : (this.listings.get(dir) ?? this.listing(dir, home, archived));
    if (!listing) return;
    live.add(dir);
    for (const file of listing.files) out.push(file);
    if (depth >= MAX_DEPTH) return;
    const newest = listing.dirs.length - NEWEST_FOLDERS;
    listing.dirs.forEach((sub, i) => {
      this.walk(join(dir, sub), depth + 1, home, archived, out, live, look && i >= newest);
    });
  }

  private listing(dir: string, home: string, archived: boolean): Listing | null {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(dir).mtimeMs;
    } catch {
      this.listings.delete(dir);
      return null;
    }
    const known = this.listings.get(dir);
    if (known && known.mtimeMs === mtimeMs) return known;
    this.changed = true;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return null;
    }
    const listing: Listing = { mtimeMs, dirs: [], files: [] };
    for (const e of entries) {
      if (e.isDirectory()) listing.dirs.push(e.name);
      else if ((e.isFile() || e.isSymbolicLink()) && isRolloutName(e.name)) listing.files.push({ path: join(dir, e.name), home, archived });
    }
    // Day folders and their files in order, so a first build reads the oldest first and rowids follow time.
    listing.dirs.sort();
    listing.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.listings.set(dir, listing);
    return listing;
  }
}
