// One PushNotifier per running server, made the first time a listener registers the notification routes: it
// subscribes to Delivery's changes once, whichever listeners serve the routes.

import { PushSubscriptionRepo } from '../../store/push-subscriptions.js';
import type { ServerContext } from '../context.js';
import { PushNotifier } from './notifier.js';
import { ensureVapidKeys } from './vapid.js';

const notifiers = new WeakMap<ServerContext, PushNotifier>();

/** The server's notifier, created (with its VAPID keys, made once into the data root) on first use. */
export function notifierFor(ctx: ServerContext): PushNotifier {
  const existing = notifiers.get(ctx);
  if (existing) return existing;
  const notifier = new PushNotifier({
    subscriptions: new PushSubscriptionRepo(ctx.store.db),
    vapid: ensureVapidKeys(ctx.settings.dataRoot),
    titleOf: (id) => ctx.store.sessions.summary(id)?.title ?? 'a Codex session',
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const off = ctx.delivery.subscribe((change) => notifier.onChange(change));
  notifier.onClose(off);
  notifiers.set(ctx, notifier);
  return notifier;
}
