// Before any test: compile the server if dist/ is older than src/, because tests spawn bin/codex-pro-max.js
// (the CLI, and the MCP server that the real codex binary starts). `npm test` has usually done this already.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { newestMtime } from '../scripts/freshness.mjs';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');

export default function setup(): void {
  if (newestMtime(join(root, 'dist', 'cli', 'main.js')) >= newestMtime(join(root, 'src'))) return;
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'pipe',
    });
  } catch (error) {
    // tsc still emits JavaScript on type errors; `npm run typecheck` is where those fail the build.
    console.warn(`tsc reported errors while building dist/ for the tests:\n${(error as { stdout?: Buffer }).stdout?.toString() ?? error}`);
  }
}
