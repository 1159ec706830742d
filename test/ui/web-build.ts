// Builds the web UI for browser tests when dist/web is missing, older than any source file under web/, or a
// development build. Always a production build: vitest sets NODE_ENV=test, which Vite would otherwise follow into a
// development build of React (several times slower, and not what a person runs).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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
  const development = () => readdirSync(join(WEB_ROOT, 'assets')).some((name) => name.startsWith('jsx-dev-runtime'));
  if (!existsSync(index) || statSync(index).mtimeMs < newestSource || development()) {
    execFileSync(
      process.execPath,
      [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: 'inherit',
      },
    );
  }
  return WEB_ROOT;
}
