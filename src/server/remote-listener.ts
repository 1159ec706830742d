// The listener for other devices (`--allow-remote --host <address>`): the UI and the API over HTTPS on an address other
// devices can reach, with the person's certificate or one made on first use. Every request on it counts as remote,
// whatever address it is on. Plain HTTP only when asked for by name (--insecure-http), and then loudly.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { addressesOf, authority, isWildcardHost, linkAddress } from './auth/hosts.js';
import { certificateFor } from './auth/tls.js';
import type { ServerContext } from './context.js';

export const DEFAULT_REMOTE_PORT = 53129;

export interface RemoteOptions {
  /** The address to listen on (0.0.0.0 for every one this computer has). */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The person's own certificate and key files (PEM); without them one is made into <root>/tls on first use. */
  cert?: { certPath: string; keyPath: string };
  /** Plain HTTP: anyone on the network path can read the traffic and steal a device's cookie. Only by explicit choice. */
  plainHttp?: boolean;
}

export interface RemoteListener {
  app: FastifyInstance;
  /** The base URL to give another device, e.g. https://192.168.1.20:53129. */
  url: string;
  /** SHA-256 fingerprint of the certificate served; null over plain HTTP. */
  fingerprint: string | null;
  /** Where the certificate lives, and whether it was made just now. */
  certificate: { path: string; source: 'provided' | 'generated' | 'kept' } | null;
}

export const PLAIN_HTTP_WARNING =
  'WARNING: the listener for other devices uses plain HTTP (--insecure-http). Anyone on the same network can read everything ' +
  'you and Codex send, and copy a paired device’s sign-in to drive Codex on this computer. Use it only on a network you fully ' +
  'trust, and prefer HTTPS (drop --insecure-http) or Tailscale Serve.';

export async function startRemoteListener(
  ctx: ServerContext,
  options: RemoteOptions,
  listen: (app: FastifyInstance, host: string, port: number, variable: string) => Promise<void>,
  logger?: boolean,
): Promise<RemoteListener> {
  const names = [...addressesOf(options.host), 'localhost'].filter((n) => !isWildcardHost(n));
  const certificate = options.plainHttp ? null : await certificateFor(ctx.settings.dataRoot, names, options.cert);
  const app = await buildApp(ctx, {
    serveUi: true,
    logger,
    listener: 'remote',
    https: certificate ? { cert: certificate.cert, key: certificate.key } : undefined,
  });
  ctx.storage.install(app);
  try {
    await listen(app, options.host, options.port, 'CODEX_PRO_MAX_REMOTE_PORT');
  } catch (error) {
    await app.close();
    throw error;
  }
  const port = (app.server.address() as { port: number }).port;
  const scheme = certificate ? 'https' : 'http';
  ctx.guard.setRemote(options.host, port, scheme);
  const url = `${scheme}://${authority(linkAddress(options.host), port)}`;
  ctx.access.setRemote(url, certificate?.fingerprint ?? null);
  return {
    app,
    url,
    fingerprint: certificate?.fingerprint ?? null,
    certificate: certificate ? { path: certificate.certPath, source: certificate.source } : null,
  };
}
