// Starts the whole server: store, delivery, push, both listeners, and server.json. Returns a handle to stop it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { DaemonEngine } from '../codex/engine/daemon-engine.js';
import { threadLocator } from '../delivery/context/locate.js';
import { ContextService } from '../delivery/context/service.js';
import { Delivery } from '../delivery/delivery.js';
import { maxTurnsFrom } from '../delivery/drive/limiter.js';
import { DriveService } from '../delivery/drive/service.js';
import { LiveThreads } from '../delivery/live/service.js';
import { HistoryService } from '../history/service.js';
import { RoomService } from '../rooms/service.js';
import { dataFiles, type Settings } from '../settings.js';
import type { SessionId, ThreadId } from '../shared/ids.js';
import { Store } from '../store/store.js';
import { buildApp, type RegisteredRoute, routesOf } from './app.js';
import { Access } from './auth/access.js';
import type { AllowedHost } from './auth/hosts.js';
import type { ServerContext } from './context.js';
import { tightenDataRoot } from './data-root.js';
import { notifierFor } from './notify/service.js';
import { PushHub } from './push.js';
import { pushesFor } from './push-bridge.js';
import { DEFAULT_REMOTE_PORT, type RemoteListener, type RemoteOptions, startRemoteListener } from './remote-listener.js';
import { RolloutLive } from './rollout-live.js';
import { AccessGuard, isLoopbackHost } from './security.js';
import { ensureToken, removeServerInfo, writeServerInfo } from './server-file.js';
import { StorageGuard } from './storage-guard.js';
import { warmUp } from './warm-up.js';

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export interface RunningServer {
  ctx: ServerContext;
  token: string;
  apiUrl: string;
  uiUrl: string;
  /** A fresh one-time link that signs a browser in. */
  loginUrl(): string;
  /** Each listener's base URL and the routes it serves. */
  listeners: { url: string; routes: RegisteredRoute[] }[];
  /** The HTTPS listener for other devices, when one was asked for. */
  remote: RemoteListener | null;
  /** The server's first page load, asked of itself right after it started listening (warm-up.ts): URL and status each. */
  warmedUp: Promise<string[]>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Binding a non-loopback address must be asked for explicitly. */
  allowRemote?: boolean;
  logger?: boolean;
  webRoot?: string | null;
  /** Environment drive mode uses to find codex and to run it (default: process.env). */
  driveEnv?: NodeJS.ProcessEnv;
  /** Where notes for the person running the server go (tightened permissions, a lost database); default stderr. */
  log?: (line: string) => void;
  /** How often the database file is checked between write requests (default 5 s). */
  storageCheckMs?: number;
  /** false: do not connect to the Codex daemon (tests that must not see one). */
  live?: boolean;
  /** How long after start the History index worker starts (default 1 s, so servers that live a moment never pay for it). */
  historyDelayMs?: number;
  /**
   * A listener for other devices (HTTPS unless plainHttp). A non-loopback settings.host with allowRemote asks for one
   * on that address; the API and UI ports then stay on 127.0.0.1, so local clients never meet its certificate.
   */
  remote?: RemoteOptions;
  /** Host names a proxy in front of the loopback port serves (CODEX_PRO_MAX_ALLOWED_HOSTS, read by the CLI). */
  allowedHosts?: AllowedHost[];
}

function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

export async function startServer(settings: Settings, options: StartOptions = {}): Promise<RunningServer> {
  if (!isLoopbackHost(settings.host) && !options.allowRemote) {
    throw new Error(
      `Refusing to listen on ${settings.host}: anyone who can reach it could drive Codex on this machine. Use --allow-remote if you really mean it.`,
    );
  }
  const remoteOptions: RemoteOptions | undefined =
    options.remote ?? (isLoopbackHost(settings.host) ? undefined : { host: settings.host, port: DEFAULT_REMOTE_PORT });
  if (remoteOptions && !isLoopbackHost(remoteOptions.host) && !options.allowRemote) {
    throw new Error(
      `Refusing to listen on ${remoteOptions.host}: anyone who can reach it could drive Codex on this machine. Use --allow-remote if you really mean it.`,
    );
  }
  const localHost = isLoopbackHost(settings.host) ? settings.host : '127.0.0.1';
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const tightened = tightenDataRoot(settings.dataRoot);
  if (tightened.length > 0) {
    const shown = tightened.length > 12 ? [...tightened.slice(0, 10), `… and ${tightened.length - 10} more`] : tightened;
    log(`Codex Pro Max: other users could read its data; now only you can:\n  ${shown.join('\n  ')}`);
  }
  const token = ensureToken(settings.dataRoot);
  const store = Store.open(dataFiles.database(settings.dataRoot), (id: SessionId) => dataFiles.attachments(settings.dataRoot, id));
  store.checkpointInBackground();
  const push = new PushHub();
  const storage = new StorageGuard(store.file, (fault) => {
    log(`Codex Pro Max: ${fault.message}`);
    push.publish({ type: 'storage.failed', code: 'database_gone', error: fault.message });
  });
  const delivery = new Delivery(store);
  delivery.subscribe((change) => {
    for (const message of pushesFor(change)) push.publish(message);
  });
  const live: LiveThreads = new LiveThreads({
    delivery,
    publish: (m) => push.publish(m),
    codexHome: settings.codexHome,
    log,
    threadStartsSettled: (): Promise<void> | null => daemonEngine.startsSettled(),
    ignoreThread: (threadId) => daemonEngine.isThrowaway(threadId),
  });
  // Drive mode and live threads share the one daemon connection: a driven turn's approvals reach the live book.
  const daemonEngine: DaemonEngine = new DaemonEngine(live.client);
  const drive = new DriveService({
    store,
    delivery,
    publish: (m) => push.publish(m),
    codexHome: settings.codexHome,
    maxTurns: maxTurnsFrom((options.driveEnv ?? process.env).CODEX_PRO_MAX_MAX_TURNS),
    env: options.driveEnv,
    daemon: daemonEngine,
  });
  const rooms = new RoomService({ store, delivery, drive, publish: (m) => push.publish(m), log });
  const rollout = new RolloutLive({ settings, store, delivery, push });
  const history = new HistoryService({
    dataRoot: settings.dataRoot,
    codexHome: settings.codexHome,
    envHomes: process.env.CODEX_PRO_MAX_CODEX_HOMES,
    publish: (m) => push.publish(m),
    sessionOf: (threadId) => store.sessions.idByThread(threadId as ThreadId),
    delayMs: options.historyDelayMs ?? 1_000,
    log,
  });
  // The index's folder watch hears a new rollout first: a running session waiting for it stops waiting.
  history.onRolloutsAdded((threadIds) => rollout.missing.lookFor(threadIds));
  const context = new ContextService({
    store,
    delivery,
    drive,
    codexHome: settings.codexHome,
    locate: threadLocator(history, rollout.finder),
    daemon: daemonEngine,
    client: live.client,
    fallback: () => drive.execEngine(),
  });
  const access = new Access(store.db, options.allowedHosts ?? [], log);
  const guard = new AccessGuard(token, localHost, { allowedHosts: options.allowedHosts, devices: access.devices });
  const builtWeb = join(PROJECT_ROOT, 'dist', 'web');
  const webRoot = options.webRoot !== undefined ? options.webRoot : existsSync(join(builtWeb, 'index.html')) ? builtWeb : null;
  const ctx: ServerContext = {
    settings,
    store,
    delivery,
    drive,
    context,
    live,
    rooms,
    rollout,
    history,
    push,
    guard,
    access,
    storage,
    version: packageVersion(),
    urls: { api: '', ui: '' },
    webRoot,
  };

  const apps: FastifyInstance[] = [];
  let remote: RemoteListener | null = null;
  try {
    const api = await buildApp(ctx, { serveUi: false, logger: options.logger });
    apps.push(api);
    const ui = await buildApp(ctx, { serveUi: true, logger: options.logger });
    apps.push(ui);
    for (const app of apps) storage.install(app);
    await listen(api, localHost, settings.apiPort, 'CODEX_PRO_MAX_API_PORT');
    await listen(ui, localHost, settings.uiPort, 'CODEX_PRO_MAX_UI_PORT');
    const apiPort = (api.server.address() as { port: number }).port;
    const uiPort = (ui.server.address() as { port: number }).port;
    guard.setPorts([apiPort, uiPort]);
    ctx.urls.api = urlFor(localHost, apiPort);
    ctx.urls.ui = urlFor(localHost, uiPort);
    if (remoteOptions) {
      remote = await startRemoteListener(ctx, remoteOptions, listen, options.logger);
      apps.push(remote.app);
    }
  } catch (error) {
    await Promise.allSettled(apps.map((a) => a.close()));
    await drive.close();
    store.close();
    throw error;
  }

  rollout.start();
  history.start();
  if (options.live !== false) live.start();
  storage.start(options.storageCheckMs ?? 5_000);
  const warmedUp = warmUp(apps[1] as FastifyInstance, new URL(ctx.urls.ui).host, token);

  writeServerInfo(settings.dataRoot, {
    pid: process.pid,
    apiUrl: ctx.urls.api,
    uiUrl: ctx.urls.ui,
    version: ctx.version,
    startedAt: new Date().toISOString(),
  });

  let closed = false;
  return {
    ctx,
    token,
    apiUrl: ctx.urls.api,
    uiUrl: ctx.urls.ui,
    loginUrl: () => `${ctx.urls.ui}/auth?code=${guard.issueLoginCode()}`,
    listeners: [
      { url: ctx.urls.api, routes: routesOf(apps[0] as FastifyInstance) },
      { url: ctx.urls.ui, routes: routesOf(apps[1] as FastifyInstance) },
    ],
    remote,
    warmedUp,
    async close() {
      if (closed) return;
      closed = true;
      await warmedUp;
      rollout.close();
      notifierFor(ctx).close();
      storage.close();
      push.close();
      await Promise.allSettled(apps.map((a) => a.close()));
      // Driven turns inside the daemon are interrupted over its connection, so that closes after them.
      await drive.close();
      live.close();
      await history.close();
      store.close();
      removeServerInfo(settings.dataRoot, process.pid);
    },
  };
}

async function listen(app: FastifyInstance, host: string, port: number, variable: string): Promise<void> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${port} on ${host} is already in use. Codex Pro Max may already be running (try "npx codex-pro-max open" in the Codex Pro Max folder), or set ${variable} to another port.`,
      );
    }
    throw error;
  }
}
