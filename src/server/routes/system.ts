// Health, the browser login link, and the push stream.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Forbidden } from '../../errors.js';
import { api } from '../../shared/api.js';
import type { StorageStatus } from '../../shared/errors.js';
import { usedLinkPage } from '../auth-page.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { PUBLIC_ROUTE } from '../security.js';
import { serve } from '../serve.js';

function storageStatus(ctx: ServerContext): StorageStatus {
  const fault = ctx.storage.fault();
  return fault ? { ok: false, code: 'database_gone', error: fault.message } : { ok: true };
}

const loginQuery = z.object({ code: z.string().min(1).max(200) }, { error: 'The login link is incomplete.' });

export async function systemRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  // Public, so the answer names no paths; a lost database is a deliberate 503 with its code.
  serve(app, api.healthy, PUBLIC_ROUTE, async () => {
    const fault = ctx.storage.fault(false);
    if (fault) throw fault;
    return { ok: true };
  });

  serve(app, api.health, async () => ({
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
  serve(app, api.loginLink, { config: { writesDatabase: false } }, async () => ({
    ok: true,
    url: `${ctx.urls.ui}/auth?code=${ctx.guard.issueLoginCode()}`,
  }));

  serve(app, api.signIn, PUBLIC_ROUTE, async (req, reply) => {
    const { code } = parse(loginQuery, req.query);
    // The login cookie holds the owner's token itself, which no device list can revoke: only a browser on this
    // computer gets it. Behind a proxy (Tailscale Serve, a tunnel) every request comes from 127.0.0.1, so the address
    // proves nothing; isFromThisComputer also looks at the Host and the proxy headers. Other devices pair instead.
    if (!ctx.guard.isFromThisComputer(req)) {
      throw new Forbidden(
        'Sign-in links work only in a browser on the computer that runs Codex Pro Max. To use this device, pair it: on that computer open Settings → Pair a phone, then scan the QR code.',
      );
    }
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (!ctx.guard.redeemLoginCode(code)) {
      if (ctx.guard.isAuthenticated(req)) return reply.redirect('/', 303);
      return reply.status(401).type('text/html; charset=utf-8').send(usedLinkPage());
    }
    ctx.guard.setAuthCookie(reply);
    return reply.redirect('/', 303);
  });

  serve(app, api.events, async (req, reply) => {
    // A HEAD has no body to stream into, so it gets the stream's headers and ends.
    if (req.method === 'HEAD') return reply.type('text/event-stream').header('cache-control', 'no-store').send();
    reply.hijack();
    ctx.push.attach(reply.raw, { type: 'hello', serverVersion: ctx.version });
    req.raw.socket.setTimeout(0);
  });
}
