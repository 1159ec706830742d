// What the server benches share: a data root seeded through the real Store, the real server as its own process (so
// its CPU and memory are its own), run from the source (dist/ may be older; under tsx, or built afresh for memory
// figures), and that process's CPU time and RSS read from /proc (Linux).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../scripts/node-flags.mjs';
import type { SessionId } from '../../src/shared/ids.js';
import { Store } from '../../src/store/store.js';
import { type ServerProcess, startServerWith } from '../../test/helpers/server-process.js';
import { apiFetcher } from '../../test/helpers/test-server.js';

/** `codex-pro-max start` from the source tree (under tsx, with the node flags `npm start` gives it) on free ports;
 * resolves once it printed its sign-in link. */
function startFromSource(root: string, env: Record<string, string>): Promise<ServerProcess> {
  const main = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
  const script = `const { runCli } = await import(${JSON.stringify(main)}); process.exitCode = await runCli(['start']);`;
  return startServerWith([...serverFlags(), '--import', 'tsx', '--input-type=module', '-e', script], root, env);
}

/** The flags `npm start` gives the server; BENCH_CPU_PROFILE=<folder> also writes its CPU profile there when it stops
 * (one file per thread; the main thread's has the lowest number), to see where the time went. */
function serverFlags(): string[] {
  const folder = process.env.BENCH_CPU_PROFILE;
  return [...SERVER_NODE_FLAGS, ...(folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [])];
}

const PROJECT = join(import.meta.dirname, '..', '..');

/**
 * The source built the way `npm start` builds it, into a folder of its own laid out like the project (package.json,
 * then dist/) inside node_modules, so packages resolve; returns that folder. tsx's loader runs on threads of its own
 * (one more V8 isolate for the server and one for each worker that loads TypeScript), ~40 MB of RSS a built server
 * does not have.
 */
function buildServer(): string {
  const cache = join(PROJECT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const folder = mkdtempSync(join(cache, 'cpm-bench-server-'));
  copyFileSync(join(PROJECT, 'package.json'), join(folder, 'package.json'));
  const tsc = join(PROJECT, 'node_modules', 'typescript', 'bin', 'tsc');
  spawnSync(process.execPath, [tsc, '-p', join(PROJECT, 'tsconfig.build.json'), '--outDir', join(folder, 'dist')], { stdio: 'ignore' });
  // A type error elsewhere in the working tree does not stop tsc from writing the files; a missing entry point does.
  if (!existsSync(join(folder, 'dist', 'cli', 'main.js'))) throw new Error(`The server could not be built into ${folder}.`);
  // A file, not -e: the History worker inherits the flags, and --input-type would refuse its file.
  writeFileSync(
    join(folder, 'dist', 'start.mjs'),
    "const { runCli } = await import('./cli/main.js');\nprocess.exitCode = await runCli(['start']);\n",
  );
  return folder;
}

export interface BenchOptions {
  /**
   * Run the server built afresh, what `npm start` runs (the default), or the source under tsx, whose loader threads
   * add ~40 MB of RSS and some CPU (the default when BENCH_FROM_SOURCE=1 is set).
   */
  built?: boolean;
}

export interface Bench {
  root: string;
  codexHome: string;
  server: ServerProcess;
  /** fetch against the API with the token. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** CPU seconds the server process has used (user + system). */
  cpuSeconds(): number;
  /** The same, split into user space and the kernel. */
  cpuSplit(): { user: number; system: number };
  /** CPU seconds of each thread: 'main', then the others as "name id" (libuv-worker 12, node 13, …). */
  threadSeconds(): Map<string, number>;
  /** How the server runs: 'built' or 'tsx'. */
  mode: 'built' | 'tsx';
  /** The server's resident memory now and its peak, in MB. */
  rss(): { nowMb: number; peakMb: number };
  close(): Promise<void>;
}

/** Seeds a fresh data root with `seed`, then starts the server on it. */
export async function startBench(
  seed: (store: Store, codexHome: string) => void | Promise<void>,
  options: BenchOptions = {},
): Promise<Bench> {
  const root = mkdtempSync(join(tmpdir(), 'cpm-bench-'));
  const codexHome = mkdtempSync(join(tmpdir(), 'cpm-bench-codex-'));
  const store = Store.open(join(root, 'codex-pro-max.sqlite3'), (id: SessionId) => join(root, 'attachments', id));
  await seed(store, codexHome);
  store.close();
  const built = (options.built ?? process.env.BENCH_FROM_SOURCE !== '1') ? buildServer() : null;
  const env = { CODEX_HOME: codexHome };
  const server = built
    ? await startServerWith([...serverFlags(), join(built, 'dist', 'start.mjs')], root, env)
    : await startFromSource(root, env);
  const pid = server.child.pid as number;
  return {
    root,
    codexHome,
    server,
    mode: built ? 'built' : 'tsx',
    api: apiFetcher(server.apiUrl, server.token),
    cpuSeconds: () => cpuSecondsOf(pid),
    cpuSplit: () => cpuSplitOf(readFileSync(`/proc/${pid}/stat`, 'utf8')),
    threadSeconds: () => {
      // Node's worker threads (V8's compiler and GC helpers, the History index worker, the checkpointer, tsx's module
      // loader) are all called "node" too: the main thread is told apart by its id, the process id.
      const byThread = new Map<string, number>();
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        try {
          const name = Number(task) === pid ? 'main' : `${readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim()} ${task}`;
          byThread.set(name, cpuOf(readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8')));
        } catch {
          // the thread ended meanwhile
        }
      }
      return byThread;
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
      if (built) rmSync(built, { recursive: true, force: true });
    },
  };
}

/** CPU seconds (user + system) in a /proc stat line of a process or thread. */
export function cpuOf(stat: string): number {
  const { user, system } = cpuSplitOf(stat);
  return user + system;
}

/** CPU seconds in user space and in the kernel (system calls, page faults) in a /proc stat line. */
export function cpuSplitOf(stat: string): { user: number; system: number } {
  const ticks = 100; // USER_HZ on Linux
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / ticks, system: Number(fields[12]) / ticks };
}

/** CPU seconds process `pid` has used (user + system). */
export function cpuSecondsOf(pid: number): number {
  return cpuOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** The q-quantile of some samples. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
