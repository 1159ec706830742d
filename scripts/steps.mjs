// The first-run steps of `npm start` (install, build) shown as one line each with the time it took. What the tools
// print goes to a log file, never to the terminal, so the sign-in link that follows is not buried; on a failure the
// log's last lines are shown. Plain Node with no dependencies: it runs before anything is installed.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** "0.4 s", "42 s", "3 min 5 s". */
export function formatElapsed(ms) {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The last `count` non-empty lines of `file`, or [] when it cannot be read. */
export function tailLines(file, count = 30) {
  try {
    return readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .slice(-count);
  } catch {
    return [];
  }
}

/**
 * Runs commands as named steps. `out` is where the step lines go (stdout); on a terminal the running step's line
 * counts the seconds in place, because an install can take minutes and silence looks like a hang.
 */
export function createStepRunner({ logFile, out = process.stdout, cwd, shell = false, now = Date.now, tickMs = 1000 }) {
  mkdirSync(dirname(logFile), { recursive: true });
  writeFileSync(logFile, '');
  const live = out.isTTY === true;

  /** Runs `command args` as the step `label`; resolves true when it exits 0. */
  async function step(label, command, args, env) {
    const started = now();
    appendFileSync(logFile, `\n=== ${label}: ${command} ${args.join(' ')}\n`);
    if (live) out.write(`  ${label}…`);
    else out.write(`  ${label}…\n`);
    const ticker = live ? setInterval(() => out.write(`\r  ${label}… ${formatElapsed(now() - started)}`), tickMs) : null;
    const code = await new Promise((resolve) => {
      const child = spawn(command, args, { cwd, shell, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk) => appendFileSync(logFile, chunk));
      child.stderr.on('data', (chunk) => appendFileSync(logFile, chunk));
      child.once('error', (error) => {
        appendFileSync(logFile, `\n${error.message}\n`);
        resolve(-1);
      });
      child.once('close', (exitCode) => resolve(exitCode ?? 1));
    });
    if (ticker) clearInterval(ticker);
    const took = formatElapsed(now() - started);
    const clear = live ? '\r\x1b[2K' : '';
    if (code === 0) {
      out.write(`${clear}✓ ${label} (${took})\n`);
      return true;
    }
    out.write(`${clear}✗ ${label} failed after ${took}. The last lines of ${logFile}:\n`);
    for (const line of tailLines(logFile)) out.write(`    ${line}\n`);
    return false;
  }

  return { step };
}
