// What the server benches share: a data root seeded through the real Store, the real server as its own process (so
// its CPU and memory are its own), run from the source (dist/ may be older), and that process's CPU time and RSS
// read from /proc (Linux).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionId } from '../../src/shared/ids.js';
import { Store } from '../../src/store/store.js';

export interface ServerProcess {
  child: ChildProcess;
  apiUrl: string;
  token: string;
  exited: Promise<string>;
}

/** `codex-pro-max start` from the source tree on free ports; resolves once it printed its sign-in link. */
function startServerProcess(root: string, env: Record<string, string>): Promise<ServerProcess> {
  const main = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
  const script = `const { runCli } = await import(${JSON.stringify(main)}); process.exitCode = await runCli(['start']);`;
  // BENCH_CPU_PROFILE=<folder> writes the server's CPU profile there when it stops, to see where the time went.
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, CODEX_PRO_MAX_ROOT: root, CODEX_PRO_MAX_API_PORT: '0', CODEX_PRO_MAX_UI_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (!output.includes('/auth?code=')) return;
      child.stdout?.off('data', onData);
      const info = JSON.parse(readFileSync(join(root, 'server.json'), 'utf8')) as { apiUrl: string };
      resolve({ child, apiUrl: info.apiUrl, token: readFileSync(join(root, 'token'), 'utf8').trim(), exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d) => (output += d));
    void exited.then((how) => reject(new Error(`start ended (${how}) before it was ready: ${output}`)));
  });
}

export interface Bench {
  root: string;
  codexHome: string;
  server: ServerProcess;
  /** fetch against the API with the token. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** CPU seconds the server process has used (user + system). */
  cpuSeconds(): number;
  /** CPU seconds per thread name (main, libuv-worker, V8 workers, …), to see which one spent them. */
  threadSeconds(): Map<string, number>;
  /** The server's resident memory now and its peak, in MB. */
  rss(): { nowMb: number; peakMb: number };
  close(): Promise<void>;
}

/** Seeds a fresh data root with `seed`, then starts the server on it. */
export async function startBench(seed: (store: Store, codexHome: string) => void | Promise<void>): Promise<Bench> {
  const root = mkdtempSync(join(tmpdir(), 'cpm-bench-'));
  const codexHome = mkdtempSync(join(tmpdir(), 'cpm-bench-codex-'));
  const store = Store.open(join(root, 'codex-pro-max.sqlite3'), (id: SessionId) => join(root, 'attachments', id));
  await seed(store, codexHome);
  store.close();
  const server = await startServerProcess(root, { CODEX_HOME: codexHome });
  const pid = server.child.pid as number;
  const ticks = 100; // USER_HZ on Linux
  const cpuOf = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  };
  return {
    root,
    codexHome,
    server,
    api: (path, init = {}) => {
      const { json, headers, ...rest } = init;
      return fetch(`${server.apiUrl}${path}`, {
        ...rest,
        headers: {
          authorization: `Bearer ${server.token}`,
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...(headers as Record<string, string> | undefined),
        },
        body: json === undefined ? rest.body : JSON.stringify(json),
      });
    },
    cpuSeconds: () => cpuOf(readFileSync(`/proc/${pid}/stat`, 'utf8')),
    threadSeconds: () => {
      const byName = new Map<string, number>();
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        try {
          const name = readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim();
          byName.set(name, (byName.get(name) ?? 0) + cpuOf(readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8')));
        } catch {
          // the thread ended meanwhile
        }
      }
      return byName;
    },
    rss: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { nowMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    async close() {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(root, { recursive: true, force: true });
      rmSync(codexHome, { recursive: true, force: true });
    },
  };
}

/** The q-quantile of some samples. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
