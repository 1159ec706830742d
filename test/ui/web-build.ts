// Builds the web UI for browser tests when dist/web is missing or older than any source file under web/.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from '../../scripts/freshness.mjs';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_ROOT = join(PROJECT_ROOT, 'dist', 'web');

/** Returns the absolute path of the built UI, building it first if needed. */
export function ensureWebBuilt(): string {
  const index = join(WEB_ROOT, 'index.html');
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'src/shared'].map((p) => join(PROJECT_ROOT, p));
  const newestSource = Math.max(...sources.map(newestMtime));
  if (!existsSync(index) || statSync(index).mtimeMs < newestSource) {
    execFileSync(
      process.execPath,
      [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: PROJECT_ROOT,
        stdio: 'inherit',
      },
    );
  }
  return WEB_ROOT;
}
