// The real Codex app-server daemon for a throwaway CODEX_HOME: start, stop, kill. `daemon stop` leaves an updater loop
// behind, and a killed daemon leaves its socket, so cleanup kills every process whose command line names the home.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { type CodexVersion, codexBin, codexEnv } from '../fixtures/codex-env.js';

const run = promisify(execFile);

/** Processes whose command line names this CODEX_HOME (the daemon copies its binary under it). */
export function processesOf(home: string): { pid: number; args: string }[] {
  return execFileSync('ps', ['-A', '-o', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(`${home}/`) && !line.includes('ps -A'))
    .map((line) => {
      const [pid, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), args: args.join(' ') };
    });
}

export interface CodexDaemon {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: no goodbye to its clients. */
  kill(): void;
  /** Stops it and kills anything left that names the home. */
  cleanUp(): Promise<void>;
}

export function codexDaemon(version: CodexVersion, home: string): CodexDaemon {
  const daemon = (verb: string) => run(codexBin(version), ['app-server', 'daemon', verb], { env: codexEnv(home), timeout: 60_000 });
  const killAll = () => {
    for (const p of processesOf(home)) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  return {
    start: async () => {
      await daemon('start');
    },
    stop: async () => {
      await daemon('stop').catch(() => {});
    },
    kill: () => {
      for (const p of processesOf(home)) if (p.args.includes('app-server --listen')) process.kill(p.pid, 'SIGKILL');
    },
    cleanUp: async () => {
      await daemon('stop').catch(() => {});
      killAll();
    },
  };
}
