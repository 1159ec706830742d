// Starts one `codex exec` process in its own process group, streams its stdout lines, and ends it with everything it started.
// Kills only what it spawned: the group it leads (POSIX) or its tree (taskkill /T on Windows). Never a name-based kill.
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { personEnv } from '../binary.js';
import type { ExecCommand } from './command.js';
import { LineSplitter } from './events.js';

const IS_WINDOWS = process.platform === 'win32';
const STDERR_LIMIT = 64 * 1024;

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  stderr: string;
  interrupted: boolean;
}

export interface TurnProcess {
  readonly pid: number | undefined;
  /** Resolves once the process is running (its stdin has the prompt), rejects if it could not start. */
  readonly started: Promise<void>;
  /** Resolves when the process has exited and every stdout line was delivered. */
  readonly done: Promise<ExitInfo>;
  /** Ends the process and everything it started, at once. */
  interrupt(): void;
}

/** Spawns `cmd` (prompt written to stdin), calling `onLine` for each stdout line in order. */
export function startTurnProcess(
  cmd: ExecCommand,
  opts: { cwd: string; env: NodeJS.ProcessEnv; onLine: (line: string) => void },
): TurnProcess {
  const child = spawn(cmd.command, cmd.args, {
    cwd: opts.cwd,
    // Codex runs the person's commands: their PATH, not this project's node_modules/.bin (npm start puts it first).
    env: personEnv(opts.env),
    // A new process group on POSIX, so an interrupt reaches codex and the commands it runs, and nothing else.
    detached: !IS_WINDOWS,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let interrupted = false;
  let stderr = '';
  let descendants: number[] = [];

  const started = new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', reject);
  });
  started.catch(() => {});
  child.stdin?.on('error', () => {}); // codex may exit before reading all of a long prompt
  child.stdin?.end(cmd.stdin);

  const splitter = new LineSplitter();
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    for (const line of splitter.push(chunk)) opts.onLine(line);
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_LIMIT);
  });

  const done = new Promise<ExitInfo>((resolve) => {
    const finish = (code: number | null, signal: string | null) => {
      for (const line of splitter.end()) opts.onLine(line);
      sweep(child, descendants);
      resolve({ code, signal, stderr, interrupted });
    };
    child.once('close', finish);
    child.once('error', () => {
      if (child.pid === undefined) finish(null, null);
    });
  });

  return {
    pid: child.pid,
    started,
    done,
    interrupt() {
      if (interrupted || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      interrupted = true;
      if (IS_WINDOWS) {
        execFile('taskkill', ['/PID', String(child.pid), '/T', '/F'], { windowsHide: true }, () => {});
        return;
      }
      // Sandboxed and PTY commands run in their own sessions, outside the group, so they are found through their
      // parents. Freezing first means nothing can start between that listing and the kill: a sandbox spawned in
      // that gap used to outlive the turn.
      trySignal(-child.pid, 'SIGSTOP');
      descendants = freezeTree(child.pid);
      signalAll(child.pid, descendants, 'SIGKILL');
    },
  };
}

/** After exit: anything left in the group (or found under it at interrupt time) is killed, so no orphan outlives a turn. */
function sweep(child: ChildProcess, descendants: number[]): void {
  if (IS_WINDOWS || child.pid === undefined) return;
  signalAll(child.pid, descendants, 'SIGKILL');
}

function signalAll(leader: number, pids: number[], signal: NodeJS.Signals): void {
  trySignal(-leader, signal);
  for (const pid of pids) trySignal(pid, signal);
}

function trySignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone (ESRCH) — the goal
  }
}

/** Stops every process below `root`, listing again until no new one appears (a fork in flight shows up next round). */
function freezeTree(root: number): number[] {
  const frozen = new Set<number>();
  for (let round = 0; round < 10; round++) {
    const fresh = descendantsOf(root).filter((pid) => !frozen.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      frozen.add(pid);
      trySignal(pid, 'SIGSTOP');
    }
  }
  return [...frozen];
}

/** Every process below `root`, from one `ps` listing (POSIX only). */
export function descendantsOf(root: number): number[] {
  let listing: string;
  try {
    listing = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8', timeout: 5_000 });
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const line of listing.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (!pid || ppid === undefined || Number.isNaN(ppid)) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const kid of children.get(stack.pop() as number) ?? []) {
      out.push(kid);
      stack.push(kid);
    }
  }
  return out;
}
