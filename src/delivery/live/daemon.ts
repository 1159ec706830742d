// The daemon as the person sees it: connected or not, in a sentence with the command that fixes it; and starting it,
// only when they ask (starting a background service on someone's machine is their call, never ours).
import { execFile } from 'node:child_process';
import type { AppServerStatus } from '../../codex/app-server/client.js';
import { findCodexBinary, personEnv } from '../../codex/binary.js';
import { CodexUnavailable, DaemonUnavailable } from '../../errors.js';
import type { DaemonStatus } from '../../shared/live.js';

export const START_COMMAND = 'codex app-server daemon start';
const SUPPORTED = process.platform !== 'win32';

export function daemonStatusOf(status: AppServerStatus, socketPath: string, watchedThreads: number): DaemonStatus {
  const base = { socketPath, watchedThreads, startCommand: null };
  if (!SUPPORTED) {
    return {
      ...base,
      state: 'unsupported',
      socketPath: null,
      message: 'Watching terminal sessions live needs the Codex background service, which Codex does not offer on Windows.',
    };
  }
  switch (status) {
    case 'connected':
      return { ...base, state: 'connected', message: 'Connected to Codex: terminal sessions show here live.' };
    case 'connecting':
      return { ...base, state: 'connecting', message: 'Connecting to Codex…' };
    case 'absent':
      return {
        ...base,
        state: 'not_running',
        startCommand: START_COMMAND,
        message:
          "Codex's background service is not running, so terminal sessions cannot be watched live. It starts with the next " +
          `Codex you open in a terminal, or start it now with \`${START_COMMAND}\`.`,
      };
    default:
      return {
        ...base,
        state: 'disconnected',
        startCommand: 'codex app-server daemon restart',
        message:
          "Codex's background service does not answer, so terminal sessions cannot be watched live. Codex Pro Max keeps " +
          'trying; if it stays like this, restart it with `codex app-server daemon restart`.',
      };
  }
}

/** Runs `codex app-server daemon start` for this CODEX_HOME. */
export function startDaemon(codexHome: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!SUPPORTED) return Promise.reject(new DaemonUnavailable('Codex offers no background service on Windows.'));
  const binary = findCodexBinary(env);
  if (!binary)
    return Promise.reject(
      new CodexUnavailable(
        'Codex was not found, so its background service cannot be started.',
        'Install Codex (npm install -g @openai/codex) and try again.',
      ),
    );
  return new Promise((resolve, reject) => {
    execFile(
      binary.command,
      [...binary.args, 'app-server', 'daemon', 'start'],
      // The daemon outlives us and runs the person's terminal sessions too: it gets their PATH, not our test tools.
      { env: { ...personEnv(env), CODEX_HOME: codexHome }, timeout: 60_000, windowsHide: true },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const why = String(stderr).trim().split('\n').slice(-3).join(' ') || error.message;
        reject(new DaemonUnavailable(`Codex could not start its background service: ${why}`));
      },
    );
  });
}
