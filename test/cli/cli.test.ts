// The real CLI as a user runs it: every command's --help, `start` writing server.json and cleaning up, `open --print`.
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'codex-pro-max.js');
const COMMANDS = ['start', 'setup', 'uninstall', 'doctor', 'open', 'pair', 'mcp'];
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-cli-'));
  dirs.push(dir);
  return dir;
}

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });
}

/** Starts `codex-pro-max start` and resolves once it printed its sign-in link; killed after each test. */
async function startServer(root: string, extraArgs: string[] = []): Promise<{ child: ChildProcess; output: string }> {
  const server = await startServerProcess(root, {}, extraArgs);
  children.push(server.child);
  return server;
}

describe('codex-pro-max CLI', () => {
  it('lists every command', () => {
    const out = cli(['--help']);
    expect(out.status).toBe(0);
    for (const name of COMMANDS) expect(out.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it.each(COMMANDS)('%s --help explains its usage', (name) => {
    const out = cli([name, '--help']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`Usage: codex-pro-max ${name}`));
  });

  it('rejects an unknown command and an unknown option', () => {
    expect(cli(['frobnicate']).status).toBe(2);
    const bad = cli(['open', '--nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option --nope/);
  });

  it('start writes server.json and a private token, serves, and cleans up on SIGTERM', async () => {
    const root = tempRoot();
    const { child, output } = await startServer(root);
    const info = JSON.parse(readFileSync(join(root, 'server.json'), 'utf8'));
    expect(info).toMatchObject({ pid: child.pid, version: expect.any(String) });
    expect(output).toContain(info.uiUrl);
    const token = readFileSync(join(root, 'token'), 'utf8').trim();
    if (process.platform !== 'win32') expect(statSync(join(root, 'token')).mode & 0o077).toBe(0);
    const res = await fetch(`${info.apiUrl}/api/sessions`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const link = cli(['open', '--print'], { CODEX_PRO_MAX_ROOT: root });
    expect(link.status).toBe(0);
    expect(link.stdout.trim()).toMatch(new RegExp(`^${info.uiUrl}/auth\\?code=`));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    expect(existsSync(join(root, 'server.json'))).toBe(false);
    // The token survives restarts, so running clients keep working.
    const again = await startServer(root);
    expect(readFileSync(join(root, 'token'), 'utf8').trim()).toBe(token);
    again.child.kill('SIGTERM');
  });

  it('refuses a non-loopback address unless --allow-remote, and warns when allowed', async () => {
    const refused = cli(['start', '--host', '0.0.0.0'], {
      CODEX_PRO_MAX_ROOT: tempRoot(),
      CODEX_PRO_MAX_API_PORT: '0',
      CODEX_PRO_MAX_UI_PORT: '0',
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--allow-remote/);
    const root = tempRoot();
    const { output } = await startServer(root, ['--host', '0.0.0.0', '--allow-remote', '--remote-port', '0']);
    expect(output).toMatch(/WARNING/);
    expect(output).toMatch(/For other devices: https:\/\//);
    expect(output).toMatch(/SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    // pair: a QR code drawn in the terminal, the short code, the address to type it at, the same fingerprint.
    const pair = cli(['pair'], { CODEX_PRO_MAX_ROOT: root });
    expect(pair.status, pair.stderr).toBe(0);
    expect(pair.stdout).toMatch(/[▀▄█]{10}/);
    expect(pair.stdout).toMatch(/open https:\/\/[^ ]+\/pair on the phone and type this code: [2-9A-Z]{4}-[2-9A-Z]{4}/);
    const fingerprint = /SHA-256 fingerprint: (\S+)/.exec(output)?.[1] as string;
    expect(pair.stdout).toContain(fingerprint);
  });

  it('open explains when no server is running', () => {
    const out = cli(['open', '--print'], { CODEX_PRO_MAX_ROOT: tempRoot() });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/not running/);
  });
});
