// Web Push subscriptions: the key browsers subscribe with, and each subscription's settings (which kinds arrive,
// hidden content). Every route needs the credential like the rest of the API; the endpoint and keys never leave.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../errors.js';
import { notificationEndpoints as api, type NotificationSettings } from '../../shared/notifications.js';
import { PushSubscriptionRepo, publicSubscription } from '../../store/push-subscriptions.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { notifierFor } from '../notify/service.js';
import { serve } from '../serve.js';

const params = z.object({ subscriptionId: z.string().min(1).max(100) });

export async function notificationRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const notifier = notifierFor(ctx);
  // The paired device a request comes from, so that revoking it removes its subscriptions; null for the owner's browser.
  const deviceOf = (req: FastifyRequest): string | null => {
    const caller = ctx.guard.callerOf(req);
    return caller?.kind === 'device' ? caller.deviceId : null;
  };
  const repo = new PushSubscriptionRepo(ctx.store.db);
  const find = (req: FastifyRequest) => {
    const found = repo.get(parse(params, req.params).subscriptionId);
    if (!found) throw new NotFound('That notification subscription');
    return found;
  };

  serve(app, api.pushKey, async () => ({ ok: true, publicKey: notifier.publicKey }));

  serve(app, api.listPushSubscriptions, async () => ({ ok: true, subscriptions: repo.list().map(publicSubscription) }));

  serve(app, api.subscribePush, async (req) => {
    const body = parse(api.subscribePush.body, req.body);
    const stored = repo.upsert(body.subscription, deviceOf(req), body.settings);
    return { ok: true, subscription: publicSubscription(stored) };
  });

  serve(app, api.updatePushSubscription, async (req) => {
    const current = find(req);
    const patch = parse(api.updatePushSubscription.body, req.body ?? {});
    const settings: NotificationSettings = {
      kinds: { ...current.settings.kinds, ...patch.kinds },
      hideContent: patch.hideContent ?? current.settings.hideContent,
    };
    repo.setSettings(current.id, settings);
    return { ok: true, subscription: publicSubscription({ ...current, settings }) };
  });

  serve(app, api.deletePushSubscription, async (req) => {
    repo.delete(find(req).id);
    return { ok: true, deleted: true as const };
  });

  serve(app, api.testPush, async (req) => {
    const subscription = find(req);
    const body = subscription.settings.hideContent ? 'Codex Pro Max' : 'Notifications from Codex Pro Max arrive on this device.';
    const sent = await notifier.sendTo(subscription, { v: 1, kind: 'waiting', sessionId: '', title: 'Notifications work', body, url: '/' });
    return { ok: true, sent };
  });
}
