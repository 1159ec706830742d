// `npm start` / `npm test` / `npm run setup`: install dependencies and build only when needed, then run.
// Plain Node with no dependencies, because it runs before anything is installed. Works on Windows, macOS, Linux.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './freshness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [task, ...rest] = process.argv.slice(2);
const isWindows = process.platform === 'win32';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Codex Pro Max needs Node.js 20.19 or newer (24 recommended); this is ${process.version}. Get it from nodejs.org.`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: isWindows, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && newestMtime(marker) >= Math.max(newestMtime(lock), newestMtime(join(root, 'package.json')))) return;
  console.log('Installing dependencies (first run, or package.json changed)…');
  const status = run('npm', existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
  if (status !== 0) process.exit(status);
}

function ensureBuilt() {
  const serverOut = join(root, 'dist', 'cli', 'main.js');
  const webOut = join(root, 'dist', 'web', 'index.html');
  const serverStale = newestMtime(serverOut) < Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'tsconfig.build.json')));
  const webStale = newestMtime(webOut) < Math.max(newestMtime(join(root, 'web')), newestMtime(join(root, 'src', 'shared')));
  if (serverStale) {
    console.log('Building the server…');
    if (run('npm', ['run', '--silent', 'build:server']) !== 0) process.exit(1);
  }
  if (webStale) {
    console.log('Building the web UI…');
    if (run('npm', ['run', '--silent', 'build:web']) !== 0) process.exit(1);
  }
}

ensureInstalled();
ensureBuilt();
const cli = join(root, 'bin', 'codex-pro-max.js');
switch (task) {
  case 'test':
    process.exit(run(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...rest], { shell: false }));
    break;
  case 'start':
  case 'setup':
  case 'uninstall':
  case 'doctor':
    process.exit(run(process.execPath, [cli, task, ...rest], { shell: false }));
    break;
  default:
    console.error(`Unknown task "${task}". Use start, test, setup, uninstall or doctor.`);
    process.exit(2);
}
