// Builds the web UI for browser tests when dist/web is missing or older than any source file under web/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_ROOT = join(PROJECT_ROOT, 'dist', 'web');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Returns the absolute path of the built UI, building it first if needed. */
export function ensureWebBuilt(): string {
  const index = join(WEB_ROOT, 'index.html');
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'src/shared'].map((p) => join(PROJECT_ROOT, p));
  const newestSource = Math.max(...sources.filter(existsSync).map(newestMtime));
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
