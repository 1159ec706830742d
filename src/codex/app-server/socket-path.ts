// Where the shared Codex app-server daemon listens. A path only: nothing here connects, starts or probes the daemon.
import { join } from 'node:path';
import { codexHomeFrom } from '../paths.js';

/**
 * The daemon's control socket: `$CODEX_HOME/app-server-control/app-server-control.sock`. Codex makes it a symlink to
 * the real socket in a private folder under the temp directory, so a dangling link means the daemon is gone.
 */
export function daemonSocketPath(codexHome: string = codexHomeFrom()): string {
  return join(codexHome, 'app-server-control', 'app-server-control.sock');
}

/** The URL `ws` needs to speak WebSocket over that unix socket (the `:/` ends the socket path and starts the URL path). */
export function daemonSocketUrl(socketPath: string): string {
  return `ws+unix://${socketPath}:/`;
}
