// When a build output is stale: the newest modification time of the sources under a path.
// Plain Node with no dependencies, because scripts/run.mjs needs it before anything is installed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Tests, dependencies and dot-folders never go into a build, so changing them does not make one stale. */
const IGNORED = (name) => name === 'node_modules' || name.startsWith('.') || /\.test\.tsx?$/.test(name);

/** The newest mtime (ms) of `path` and everything under it; 0 when it does not exist. */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (!IGNORED(name)) latest = Math.max(latest, newestMtime(join(path, name)));
  }
  return latest;
}
