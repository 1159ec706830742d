// Builds one Fastify instance: security checks first, then every route group. The UI instance also serves the web app.

import zlib from 'node:zlib';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerContext } from './context.js';
import { clientErrorAnswer, frameworkErrorAnswer, installErrorHandling } from './http-errors.js';
import { requestLogger } from './request-log.js';
import { attachmentRoutes, MAX_UPLOAD_BYTES } from './routes/attachments.js';
import { codexRoutes } from './routes/codex.js';
import { contextRoutes } from './routes/context.js';
import { deviceRoutes } from './routes/devices.js';
import { driveRoutes } from './routes/drive.js';
import { historyRoutes } from './routes/history.js';
import { historyThreadRoutes } from './routes/history-threads.js';
import { integrationRoutes } from './routes/integration.js';
import { liveRoutes } from './routes/live.js';
import { notificationRoutes } from './routes/notifications.js';
import { rolloutRoutes } from './routes/rollout.js';
import { roomRoutes } from './routes/rooms.js';
import { sessionRoutes } from './routes/sessions.js';
import { slashPromptRoutes } from './routes/slash-prompts.js';
import { systemRoutes } from './routes/system.js';
import { webRoutes } from './routes/web.js';
import type { Listener } from './security.js';

type RoutePlugin = (app: FastifyInstance, ctx: ServerContext) => Promise<void>;

/** A route as registered, for the security audit: every one of them must refuse a caller without a credential unless public. */
export interface RegisteredRoute {
  method: string;
  url: string;
  public: boolean;
}

const registered = new WeakMap<FastifyInstance, RegisteredRoute[]>();

export function routesOf(app: FastifyInstance): RegisteredRoute[] {
  return registered.get(app) ?? [];
}

const API_ROUTES: RoutePlugin[] = [
  systemRoutes,
  codexRoutes,
  sessionRoutes,
  attachmentRoutes,
  slashPromptRoutes,
  driveRoutes,
  rolloutRoutes,
  historyRoutes,
  historyThreadRoutes,
  integrationRoutes,
  liveRoutes,
  notificationRoutes,
  deviceRoutes,
  contextRoutes,
  roomRoutes,
];

export interface AppOptions {
  serveUi: boolean;
  logger?: boolean;
  /** 'remote': the listener for other devices (never taken for this computer, whatever address it is on). */
  listener?: Listener;
  /** Serve HTTPS with this certificate and key (PEM). */
  https?: { cert: string; key: string };
}

export async function buildApp(ctx: ServerContext, options: AppOptions): Promise<FastifyInstance> {
  const listener = options.listener ?? 'local';
  // An HTTPS instance has the same routing API; only its server type differs.
  const app = Fastify({
    ...(options.https ? { https: options.https } : {}),
    logger: options.logger ? { level: 'warn' } : false,
    childLoggerFactory: requestLogger,
    bodyLimit: 4 * 1024 * 1024,
    // Long polls may hold a request for up to an hour.
    requestTimeout: 0,
    connectionTimeout: 0,
    keepAliveTimeout: 5_000,
    forceCloseConnections: true,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorAnswer,
    clientErrorHandler: clientErrorAnswer,
  }) as unknown as FastifyInstance;
  installErrorHandling(app);
  const routes: RegisteredRoute[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, public: route.config?.access === 'public' });
  });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  // JSON answers, when the client accepts it (the 1,001-session list: 852 KB → ~110 KB); the UI's files are compressed
  // where they are served (routes/web.ts). Brotli at quality 1 costs ~0.6 ms for an 85 KB page where quality 4 costs
  // ~2 ms, for a few per cent of size; answers under 4 KB (most calls: queue, wait, conclude) are not worth a compressor.
  // The event stream writes to the raw socket, never held back here.
  await app.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 4096,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
    zlibOptions: { level: 1 },
  });

  app.addHook('onRequest', async (request, reply) => {
    ctx.guard.check(request, listener);
    ctx.access.track(ctx.guard.callerOf(request), reply.raw);
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  for (const routes of API_ROUTES) await routes(app, ctx);
  if (options.serveUi) await webRoutes(app, ctx);
  else {
    app.setNotFoundHandler(async (req, reply) =>
      reply.status(404).send({ ok: false, error: `There is no ${req.method} ${req.url.split('?')[0]} endpoint.`, code: 'not_found' }),
    );
  }
  return app;
}
