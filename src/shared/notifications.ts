// Wire types for Web Push notifications: the kinds, a subscription and its settings, the endpoints that manage them,
// and the payload the service worker (web/public/sw.js) reads. Schemas and types only.
import { z } from 'zod';
import type { Endpoint } from './api.js';

/** What a notification can be about; each can be turned off per subscription. */
export const NOTIFICATION_KINDS = ['waiting', 'approval', 'failed', 'done'] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** The words each kind is shown with, also when the content is hidden (they say nothing of what Codex wrote). */
export const NOTIFICATION_KIND_LABEL: Record<NotificationKind, string> = {
  waiting: 'Codex is waiting for you',
  approval: 'Approval needed',
  failed: 'A turn failed',
  done: 'Turn done',
};

export type PushSubscriptionId = string & { readonly __brand: 'PushSubscriptionId' };

const kindsSchema = z.object({ waiting: z.boolean(), approval: z.boolean(), failed: z.boolean(), done: z.boolean() });
export type NotificationKinds = z.infer<typeof kindsSchema>;
export const ALL_KINDS_ON: NotificationKinds = { waiting: true, approval: true, failed: true, done: true };

/** Per-subscription choices: which kinds arrive, and whether they carry only the session's name. */
export const notificationSettingsSchema = z.object({
  kinds: kindsSchema,
  /** On: a notification names the session and the kind, never what Codex wrote, the command or the error. */
  hideContent: z.boolean(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** What the browser's PushManager hands out (PushSubscription.toJSON()); push services are HTTPS. */
export const browserSubscriptionSchema = z.object({
  endpoint: z
    .string()
    .url('"endpoint" must be the push service URL the browser gave.')
    .max(2048)
    .refine((u) => u.startsWith('https://'), 'A push service is reached over HTTPS.'),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
});
export type BrowserSubscription = z.infer<typeof browserSubscriptionSchema>;

export const pushSubscriptionSchema = z.object({
  id: z.string().transform((id) => id as PushSubscriptionId),
  /** The paired device it belongs to; null for this computer's browser (the owner's credential). */
  deviceId: z.string().nullable(),
  /** The push service's host, to tell subscriptions apart in a list (the full endpoint is a secret of sorts). */
  service: z.string(),
  createdAt: z.string(),
  lastSentAt: z.string().nullable(),
  settings: notificationSettingsSchema,
});
export type PushSubscriptionInfo = z.infer<typeof pushSubscriptionSchema>;

export const subscribeBodySchema = z.object({
  subscription: browserSubscriptionSchema,
  settings: notificationSettingsSchema.optional(),
});
export const settingsPatchSchema = z.object({
  kinds: kindsSchema.partial().optional(),
  hideContent: z.boolean().optional(),
});

/** The encrypted payload of one push (RFC 8291), as the service worker decodes it. */
export const pushPayloadSchema = z.object({
  v: z.literal(1),
  kind: notificationKindSchema,
  sessionId: z.string(),
  title: z.string(),
  body: z.string(),
  /** Where a click goes: this app's page for the session. */
  url: z.string(),
});
export type PushPayload = z.infer<typeof pushPayloadSchema>;

const ok = <S extends z.ZodRawShape>(shape: S) => z.object({ ok: z.literal(true), ...shape });
const one = ok({ subscription: pushSubscriptionSchema });

export const notificationEndpoints = {
  /** The VAPID public key a browser subscribes with (applicationServerKey), base64url. */
  pushKey: { method: 'GET', path: '/api/notifications/key', response: ok({ publicKey: z.string() }), errors: [] },
  listPushSubscriptions: {
    method: 'GET',
    path: '/api/notifications/subscriptions',
    response: ok({ subscriptions: z.array(pushSubscriptionSchema) }),
    errors: [],
  },
  /** Subscribing the same endpoint again keeps its id and takes the new keys (and settings, when given). */
  subscribePush: {
    method: 'POST',
    path: '/api/notifications/subscriptions',
    body: subscribeBodySchema,
    response: one,
    status: 201,
    errors: [],
  },
  updatePushSubscription: {
    method: 'PATCH',
    path: '/api/notifications/subscriptions/:subscriptionId',
    body: settingsPatchSchema,
    response: one,
    errors: ['not_found'],
  },
  deletePushSubscription: {
    method: 'DELETE',
    path: '/api/notifications/subscriptions/:subscriptionId',
    response: ok({ deleted: z.literal(true) }),
    errors: ['not_found'],
  },
  /** Sends this subscription one test notification, to check that notifications arrive. */
  testPush: {
    method: 'POST',
    path: '/api/notifications/subscriptions/:subscriptionId/test',
    response: ok({ sent: z.boolean() }),
    errors: ['not_found'],
  },
} as const satisfies Record<string, Endpoint>;
