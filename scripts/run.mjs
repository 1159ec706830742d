// `npm start` / `npm test` / `npm run setup`: install dependencies and build only when needed, then run.
// Each step is one line with its time; what npm, tsc and Vite print goes to install-and-build.log (its tail is shown
// if a step fails), so the last thing `npm start` prints is the sign-in link. Plain Node with no dependencies,
// because it runs before anything is installed. Works on Windows, macOS, Linux.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './freshness.mjs';
import { SERVER_NODE_FLAGS } from './node-flags.mjs';
import { createStepRunner, formatElapsed } from './steps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [task, ...rest] = process.argv.slice(2);
const isWindows = process.platform === 'win32';
const TASKS = ['start', 'test', 'setup', 'uninstall', 'doctor'];

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Codex Pro Max needs Node.js 20.19 or newer (24 recommended); this is ${process.version}. Get it from nodejs.org.`);
  process.exit(1);
}
if (!TASKS.includes(task)) {
  console.error(`Unknown task "${task}". Use ${TASKS.join(', ')}.`);
  process.exit(2);
}

const logFile = join(root, 'install-and-build.log');
const steps = createStepRunner({ logFile, cwd: root, shell: isWindows });

/** The steps this checkout needs before it can run, in order; none when everything is installed and built. */
function pendingSteps() {
  const pending = [];
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const installed = existsSync(marker) && newestMtime(marker) >= Math.max(newestMtime(lock), newestMtime(join(root, 'package.json')));
  if (!installed) {
    const firstRun = !existsSync(marker);
    pending.push({
      label: firstRun
        ? 'Installing dependencies (first run: a few minutes, better-sqlite3 may compile)'
        : 'Updating dependencies (package.json changed)',
      command: 'npm',
      args: existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'],
    });
  }
  // After an install nothing is known to be fresh, so both builds are checked against the sources as they are.
  const serverOut = join(root, 'dist', 'cli', 'main.js');
  const webOut = join(root, 'dist', 'web', 'index.html');
  const serverStale = newestMtime(serverOut) < Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'tsconfig.build.json')));
  const webStale = newestMtime(webOut) < Math.max(newestMtime(join(root, 'web')), newestMtime(join(root, 'src', 'shared')));
  if (serverStale) pending.push({ label: 'Building the server', command: 'npm', args: ['run', 'build:server'] });
  if (webStale) pending.push({ label: 'Building the web UI', command: 'npm', args: ['run', 'build:web'] });
  return pending;
}

const pending = pendingSteps();
if (pending.length > 0) {
  const started = Date.now();
  console.log(`Getting Codex Pro Max ready (${pending.length} step${pending.length === 1 ? '' : 's'}; details in ${logFile}):`);
  for (const { label, command, args } of pending) {
    if (!(await steps.step(label, command, args))) process.exit(1);
  }
  console.log(`Ready in ${formatElapsed(Date.now() - started)}.\n`);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const cli = join(root, 'bin', 'codex-pro-max.js');
if (task === 'test') process.exit(run(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...rest]));
process.exit(run(process.execPath, [...(task === 'start' ? SERVER_NODE_FLAGS : []), cli, task, ...rest]));
