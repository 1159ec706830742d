// Pairing a phone and managing paired devices: the pairing page (public), the swap of a pairing secret for a device
// cookie (public, rate-limited), the owner's QR code, the device list and revocation.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../errors.js';
import { api } from '../../shared/api.js';
import type { DeviceId } from '../../shared/devices.js';
import { PairingNeedsOwner, PairingRateLimited } from '../auth/pairing.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { PAIR_PAGE_CSP, PAIR_SCRIPT, pairPage } from '../pair-page.js';
import { clientAddress, PUBLIC_ROUTE } from '../security.js';
import { serve } from '../serve.js';

const deviceParams = z.object({ deviceId: z.string().min(1).max(100) });

export async function deviceRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { access, guard } = ctx;

  app.get('/pair', PUBLIC_ROUTE, async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PAIR_PAGE_CSP)
      .header('cache-control', 'no-store')
      .header('x-frame-options', 'DENY')
      .send(pairPage()),
  );
  app.get('/pair.js', PUBLIC_ROUTE, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(PAIR_SCRIPT),
  );

  // Issued in memory, so it works even when the database cannot be written.
  serve(app, api.createPairing, { config: { writesDatabase: false } }, async (req) => {
    if (guard.callerOf(req)?.kind !== 'owner') throw new PairingNeedsOwner();
    const { secret, code, expiresAt } = access.pairing.issue();
    const links = access.links().map((l) => ({ url: `${l.base}/pair#${secret}`, via: l.via }));
    const first = links[0]?.url;
    // Loaded on the first pairing, not by every server that never pairs a phone.
    const qrSvg = first
      ? await (await import('qrcode')).default.toString(first, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
      : null;
    return {
      ok: true,
      pairing: { code, links, qrSvg, expiresAt: expiresAt.toISOString(), fingerprint: access.fingerprint },
    };
  });

  serve(app, api.redeemPairing, PUBLIC_ROUTE, async (req, reply) => {
    const body = parse(api.redeemPairing.body, req.body ?? {});
    const address = clientAddress(req);
    try {
      access.pairing.redeem(body);
    } catch (error) {
      if (error instanceof PairingRateLimited) reply.header('retry-after', String(error.retryAfterSeconds));
      access.log(`Codex Pro Max: a wrong pairing code or link was tried from ${address ?? 'an unknown address'}.`);
      throw error;
    }
    const name = body.name?.trim() || 'Unnamed device';
    const { device, token } = access.devices.pair(name, address);
    guard.setDeviceCookie(reply, token, guard.deviceCookieSecure(req));
    access.log(`Codex Pro Max: paired a new device, "${name}", from ${address ?? 'an unknown address'}.`);
    ctx.push.publish({ type: 'devices.changed', devices: access.devices.list() });
    reply.header('cache-control', 'no-store');
    return { ok: true, device };
  });

  serve(app, api.listDevices, async (req) => ({
    ok: true,
    devices: access.devices.list(),
    you: guard.callerOf(req) ?? { kind: 'owner' as const },
  }));

  serve(app, api.revokeDevice, async (req) => {
    const { deviceId } = parse(deviceParams, req.params);
    if (!access.devices.revoke(deviceId as DeviceId)) throw new NotFound('That device');
    access.log(`Codex Pro Max: removed a paired device (${deviceId}); its sign-in no longer works.`);
    ctx.push.publish({ type: 'devices.changed', devices: access.devices.list() });
    return { ok: true, devices: access.devices.list() };
  });
}
