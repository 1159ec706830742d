// Codex runs a sandboxed command through its Linux sandbox helper, `codex-linux-sandbox … --command-cwd <folder> …
// -- <command>`, in a process group of its own. When a turn is interrupted while the machine is busy, the daemon can
// let go of that helper without ending it: it is re-parented to init and runs on, with its command, until the command
// ends by itself. A helper whose parent is init has nobody left to report to, so ending one that ran in the folder of
// the turn we interrupted ends only what that turn left behind. Linux only (/proc); elsewhere it does nothing.
import { readdirSync, readFileSync } from 'node:fs';

const HELPER = 'codex-linux-sandbox';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  argv: string[];
}

/** The helpers in `processes` that init has adopted and that ran a command in `cwd`. */
export function orphanedSandboxesIn(processes: ProcessInfo[], cwd: string): ProcessInfo[] {
  return processes.filter((p) => {
    if (p.ppid !== 1 || !(p.argv[0] ?? '').endsWith(HELPER)) return false;
    const at = p.argv.indexOf('--command-cwd');
    return at !== -1 && p.argv[at + 1] === cwd;
  });
}

function readProcesses(): ProcessInfo[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const out: ProcessInfo[] = [];
  for (const pid of pids) {
    try {
      // The fields after the command name, which is in parentheses and may itself hold spaces or parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      out.push({ pid: Number(pid), ppid: Number(fields[1]), pgid: Number(fields[2]), argv });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return out;
}

/** Ends the process group of every orphaned sandbox helper that ran in `cwd`; returns how many it ended. */
export function endOrphanedSandboxes(cwd: string): number {
  let ended = 0;
  for (const p of orphanedSandboxesIn(readProcesses(), cwd)) {
    try {
      process.kill(-p.pgid, 'SIGKILL');
      ended++;
    } catch {
      // Already gone.
    }
  }
  return ended;
}
