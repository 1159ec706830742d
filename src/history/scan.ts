// Lists the rollout files of the Codex homes being indexed, cheaply enough to run twice a second: a folder is listed
// again only when its modification time moved (adding or removing a file moves it; appending to one does not, which
// is why the indexer stats the recently written files itself). Never throws: a folder it cannot read is skipped.
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
  files: string[];
}

// sessions/YYYY/MM/DD holds the files; deeper folders are not Codex's.
const MAX_DEPTH = 4;

export class RolloutScanner {
  private readonly listings = new Map<string, Listing>();

  /** Every rollout file under the homes' `sessions` and `archived_sessions` folders; `fresh` lists every folder again. */
  list(homes: readonly string[], fresh = false): SeenFile[] {
    if (fresh) this.listings.clear();
    const out: SeenFile[] = [];
    const live = new Set<string>();
    for (const home of homes) {
      for (const root of rolloutRoots(home)) this.walk(root.dir, 0, home, root.archived, out, live);
    }
    for (const dir of this.listings.keys()) if (!live.has(dir)) this.listings.delete(dir);
    return out;
  }

  private walk(dir: string, depth: number, home: string, archived: boolean, out: SeenFile[], live: Set<string>): void {
    const listing = this.listing(dir);
    if (!listing) return;
    live.add(dir);
    for (const name of listing.files) out.push({ path: join(dir, name), home, archived });
    if (depth < MAX_DEPTH) for (const sub of listing.dirs) this.walk(join(dir, sub), depth + 1, home, archived, out, live);
  }

  private listing(dir: string): Listing | null {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(dir).mtimeMs;
    } catch {
      this.listings.delete(dir);
      return null;
    }
    const known = this.listings.get(dir);
    if (known && known.mtimeMs === mtimeMs) return known;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return null;
    }
    const listing: Listing = { mtimeMs, dirs: [], files: [] };
    for (const e of entries) {
      if (e.isDirectory()) listing.dirs.push(e.name);
      else if ((e.isFile() || e.isSymbolicLink()) && isRolloutName(e.name)) listing.files.push(e.name);
    }
    // Day folders and their files in order, so a first build reads the oldest first and rowids follow time.
    listing.dirs.sort();
    listing.files.sort();
    this.listings.set(dir, listing);
    return listing;
  }
}
