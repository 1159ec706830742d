// `npm start` on a checkout that needs building: scripts/run.mjs runs in a stand-in project (the real scripts, a
// package.json whose builds print a flood of lines, a CLI that prints the sign-in block), so the test sees exactly
// what a person sees: one line per step with its time, no build output, the link block last; and on a failure the
// log's tail and no link.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../scripts/node-flags.mjs';
import { createStepRunner, formatElapsed, tailLines } from '../../scripts/steps.mjs';
import { PROJECT_ROOT } from '../ui/web-build.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-run-'));
  dirs.push(dir);
  return dir;
};

/** A node one-liner that prints `n` lines like Vite's asset list, then exits with `code`. */
const flood = (n: number, code = 0, last = '') =>
  `node -e "for (let i = 0; i < ${n}; i++) console.log('dist/web/assets/chunk-' + i + '.js  12.3 kB'); ${last ? `console.error('${last}'); ` : ''}process.exit(${code})"`;

function standInProject(builds: { server: string; web: string }): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'scripts'));
  for (const f of ['run.mjs', 'steps.mjs', 'freshness.mjs', 'node-flags.mjs'])
    copyFileSync(join(PROJECT_ROOT, 'scripts', f), join(dir, 'scripts', f));
  mkdirSync(join(dir, 'src', 'shared'), { recursive: true });
  mkdirSync(join(dir, 'web'));
  writeFileSync(join(dir, 'src', 'shared', 'x.ts'), '');
  writeFileSync(join(dir, 'web', 'index.html'), '');
  writeFileSync(join(dir, 'tsconfig.build.json'), '{}');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'stand-in', private: true, scripts: { 'build:server': builds.server, 'build:web': builds.web } }),
  );
  writeFileSync(join(dir, 'package-lock.json'), '{}');
  // Installed already (the marker is newer than the lock), so only the two builds are due.
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'node_modules', '.package-lock.json'), '{}');
  mkdirSync(join(dir, 'bin'));
  writeFileSync(
    join(dir, 'bin', 'codex-pro-max.js'),
    `console.log(['Codex Pro Max is running.', '', 'Open this one-time link to sign in your browser:', '  http://127.0.0.1:1/auth?code=abc', 'Press Ctrl+C to stop.'].join('\\n'));`,
  );
  return dir;
}

function runStart(dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dir, 'scripts', 'run.mjs'), 'start'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm start output (scripts/run.mjs)', () => {
  it('prints one line per step with its time, keeps build output in the log, and ends with the link block', async () => {
    const dir = standInProject({ server: flood(40), web: flood(80) });
    const { code, stdout, stderr } = await runStart(dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^Getting Codex Pro Max ready \(2 steps; details in .*install-and-build\.log\):$/),
      '  Building the server…',
      expect.stringMatching(/^✓ Building the server \(\d+(\.\d)? s\)$/),
      '  Building the web UI…',
      expect.stringMatching(/^✓ Building the web UI \(\d+(\.\d)? s\)$/),
      expect.stringMatching(/^Ready in \d+(\.\d)? s\.$/),
      '',
      'Codex Pro Max is running.',
      '',
      'Open this one-time link to sign in your browser:',
      '  http://127.0.0.1:1/auth?code=abc',
      'Press Ctrl+C to stop.',
    ]);
    const log = readFileSync(join(dir, 'install-and-build.log'), 'utf8');
    expect(log).toContain('dist/web/assets/chunk-79.js');
    expect(log).toContain('=== Building the web UI');
  }, 60_000);

  it('starts the server with the node flags it is measured with (a smaller young generation)', async () => {
    const dir = standInProject({ server: flood(1), web: flood(1) });
    writeFileSync(join(dir, 'bin', 'codex-pro-max.js'), 'console.log(JSON.stringify(process.execArgv));');
    const { code, stdout } = await runStart(dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '[]')).toEqual(['--max-semi-space-size=4']);
    expect(SERVER_NODE_FLAGS).toEqual(['--max-semi-space-size=4']);
  }, 60_000);

  it('on a failed build shows the log tail with the error, exits 1 and does not start', async () => {
    const dir = standInProject({ server: flood(3), web: flood(50, 2, 'error TS2345: something is wrong') });
    const { code, stdout } = await runStart(dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ Building the web UI failed after \d+(\.\d)? s\. The last lines of .*install-and-build\.log:/);
    expect(stdout).toContain('    error TS2345: something is wrong');
    // The tail, not the whole flood.
    expect(stdout).not.toContain('chunk-0.js');
    expect(stdout).not.toContain('sign in your browser');
  }, 60_000);
});

describe('step runner', () => {
  it('counts the seconds in place on a terminal and clears the line when the step ends', async () => {
    const dir = tempDir();
    const written: string[] = [];
    let clock = 0;
    const out = { isTTY: true, write: (s: string) => written.push(s) };
    const runner = createStepRunner({ logFile: join(dir, 'log'), out, cwd: dir, now: () => clock, tickMs: 5 });
    // The clock is ours: whatever the real duration, the ticks and the end line read 12 s.
    const ok = runner.step('Waiting', process.execPath, ['-e', 'setTimeout(() => {}, 200)']);
    clock = 12_000;
    expect(await ok).toBe(true);
    expect(written[0]).toBe('  Waiting…');
    expect(written).toContain('\r  Waiting… 12 s');
    expect(written.at(-1)).toBe('\r\x1b[2K✓ Waiting (12 s)\n');
  });

  it('formats elapsed times and reads a log tail', () => {
    expect(formatElapsed(400)).toBe('0.4 s');
    expect(formatElapsed(42_000)).toBe('42 s');
    expect(formatElapsed(185_000)).toBe('3 min 5 s');
    const dir = tempDir();
    writeFileSync(join(dir, 'log'), 'a\n\nb\nc\n');
    expect(tailLines(join(dir, 'log'), 2)).toEqual(['b', 'c']);
    expect(tailLines(join(dir, 'missing'))).toEqual([]);
  });
});
