// Health, the browser login link, and the push stream.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';

const loginQuery = z.object({ code: z.string().min(1).max(200) }, { error: 'The login link is incomplete.' });

export async function systemRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/api/healthy', async () => ({ ok: true }));

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
  }));

  /** Issues a fresh one-time browser link (used by `codex-pro-max open`). */
  app.post('/api/auth/login-link', async () => ({ ok: true, url: `${ctx.urls.ui}/auth?code=${ctx.guard.issueLoginCode()}` }));

  app.get('/auth', async (req, reply) => {
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
    reply.hijack();
    ctx.push.attach(reply.raw, { type: 'hello', serverVersion: ctx.version });
    req.raw.socket.setTimeout(0);
  });
}
