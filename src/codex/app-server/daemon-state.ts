// Whether the shared Codex app-server daemon is up, for `doctor` and the UI. It looks and knocks; it never starts one.
import { existsSync } from 'node:fs';
import { AppServerConnection } from './connection.js';
import { PendingRequests } from './rpc.js';
import { daemonSocketPath } from './socket-path.js';

const START_HINT = 'start it with `codex app-server daemon start` (a Codex TUI also starts it)';

export type DaemonState =
  /** It answered the handshake; `userAgent` names the daemon's Codex version. */
  | { state: 'running'; socketPath: string; userAgent: string }
  /** No socket file, or a link to a socket that is gone: nothing is running. */
  | { state: 'absent'; socketPath: string; hint: string }
  /** A socket is there but the handshake failed (a daemon starting, stuck, or a stale socket). */
  | { state: 'unreachable'; socketPath: string; error: string; hint: string };

/** Probes the daemon of `codexHome`: connects, runs the handshake and disconnects. */
export async function daemonState(codexHome?: string, opts: { timeoutMs?: number; socketPath?: string } = {}): Promise<DaemonState> {
  const socketPath = opts.socketPath ?? daemonSocketPath(codexHome);
  if (!existsSync(socketPath)) return { state: 'absent', socketPath, hint: `The Codex app-server daemon is not running: ${START_HINT}.` };
  try {
    const { connection, initialize } = await AppServerConnection.open({
      socketPath,
      clientInfo: { name: 'codex-pro-max', title: 'Codex Pro Max', version: '0' },
      pending: new PendingRequests(),
      timeoutMs: opts.timeoutMs ?? 3000,
      onMessage: () => {},
      onClose: () => {},
    });
    connection.close();
    return { state: 'running', socketPath, userAgent: initialize.userAgent };
  } catch (error) {
    return {
      state: 'unreachable',
      socketPath,
      error: (error as Error).message,
      hint: `The Codex app-server daemon does not answer at ${socketPath}: restart it with \`codex app-server daemon restart\`.`,
    };
  }
}
