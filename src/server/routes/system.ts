// Health, the browser login link, and the push stream.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StorageStatus } from '../../shared/errors.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { PUBLIC_ROUTE } from '../security.js';

function storageStatus(ctx: ServerContext): StorageStatus {
  const fault = ctx.storage.fault();
  return fault ? { ok: false, code: 'database_gone', error: fault.message } : { ok: true };
}

const loginQuery = z.object({ code: z.string().min(1).max(200) }, { error: 'The login link is incomplete.' });

export async function systemRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  // Public, so the answer names no paths; a lost database is a deliberate 503 with its code.
  app.get('/api/healthy', PUBLIC_ROUTE, async (_req, reply) => {
    const fault = ctx.storage.fault(false);
    if (!fault) return { ok: true };
    return reply.status(fault.status).send({ ok: false, error: fault.message, code: fault.code });
  });

  app.get('/api/health', async () => ({
    ok: true,
    service: 'codex-pro-max',
    version: ctx.version,
    pid: process.pid,
    dataRoot: ctx.settings.dataRoot,
    codexHome: ctx.settings.codexHome,
    apiUrl: ctx.urls.api,
    uiUrl: ctx.urls.ui,
    serverTimeIso: new Date().toISOString(),
    storage: storageStatus(ctx),
  }));

  /** Issues a fresh one-time browser link (used by `codex-pro-max open`); touches no database, so it works when that is gone. */
  app.post('/api/auth/login-link', { config: { writesDatabase: false } }, async () => ({
    ok: true,
    url: `${ctx.urls.ui}/auth?code=${ctx.guard.issueLoginCode()}`,
  }));

  app.get('/auth', PUBLIC_ROUTE, async (req, reply) => {
    const { code } = parse(loginQuery, req.query);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (!ctx.guard.redeemLoginCode(code)) {
      if (ctx.guard.isAuthenticated(req)) return reply.redirect('/', 303);
      return reply
        .status(401)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Codex Pro Max</title><p>This sign-in link was already used or has expired. Run <code>codex-pro-max open</code> for a new one.</p>',
        );
    }
    ctx.guard.setAuthCookie(reply);
    return reply.redirect('/', 303);
  });

  app.get('/api/events', async (req, reply) => {
    // A HEAD has no body to stream into, so it gets the stream's headers and ends.
    if (req.method === 'HEAD') return reply.type('text/event-stream').header('cache-control', 'no-store').send();
    reply.hijack();
    ctx.push.attach(reply.raw, { type: 'hello', serverVersion: ctx.version });
    req.raw.socket.setTimeout(0);
  });
}
