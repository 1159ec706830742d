// The real server as its own process (`codex-pro-max start`), for tests that kill it the way a crash or power cut would.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'codex-pro-max.js');

export interface ServerProcess {
  child: ChildProcess;
  output: string;
  apiUrl: string;
  token: string;
  /** Resolves with the exit signal or code once the process has gone. */
  exited: Promise<string>;
}

/** Starts `codex-pro-max start` on free ports with `root` as its data root; resolves once it printed its sign-in link. */
export function startServerProcess(root: string, env: Record<string, string> = {}, args: string[] = []): Promise<ServerProcess> {
  return startServerWith([BIN, 'start', ...args], root, env);
}

/** Runs node with `nodeArgs` (a way of starting the server: the built bin, or the source under tsx) on free ports with
 * `root` as its data root; resolves once it printed its sign-in link. */
export function startServerWith(nodeArgs: string[], root: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, CODEX_PRO_MAX_ROOT: root, CODEX_PRO_MAX_API_PORT: '0', CODEX_PRO_MAX_UI_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (!output.includes('/auth?code=')) return;
      // Once only: later output must not read files a finished test has already removed.
      child.stdout?.off('data', onData);
      const info = JSON.parse(readFileSync(join(root, 'server.json'), 'utf8')) as { apiUrl: string };
      resolve({ child, output, apiUrl: info.apiUrl, token: readFileSync(join(root, 'token'), 'utf8').trim(), exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d) => (output += d));
    void exited.then((how) => reject(new Error(`start ended (${how}) before it was ready: ${output}`)));
  });
}
