// Web Push subscriptions: the push service endpoint and keys a browser gave, and that browser's notification settings.
// Keyed by their own id; a paired device's subscriptions name it and go when it is revoked (ON DELETE CASCADE).
import { randomUUID } from 'node:crypto';
import {
  ALL_KINDS_ON,
  type BrowserSubscription,
  type NotificationSettings,
  notificationSettingsSchema,
  type PushSubscriptionId,
  type PushSubscriptionInfo,
} from '../shared/notifications.js';
import { type Db, nowIso, type Sql, statements } from './db.js';

interface Row {
  id: string;
  device_id: string | null;
  endpoint: string;
  p256dh: string;
  auth: string;
  settings_json: string;
  created_at: string;
  last_sent_at: string | null;
}

/** A subscription with what sending needs (the endpoint and keys never leave the server). */
export interface StoredSubscription extends PushSubscriptionInfo {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const DEFAULT_SETTINGS: NotificationSettings = { kinds: ALL_KINDS_ON, hideContent: false };

function settingsOf(json: string): NotificationSettings {
  try {
    return notificationSettingsSchema.parse(JSON.parse(json));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return '';
  }
}

const toSubscription = (r: Row): StoredSubscription => ({
  id: r.id as PushSubscriptionId,
  deviceId: r.device_id,
  service: hostOf(r.endpoint),
  createdAt: r.created_at,
  lastSentAt: r.last_sent_at,
  settings: settingsOf(r.settings_json),
  endpoint: r.endpoint,
  keys: { p256dh: r.p256dh, auth: r.auth },
});

/** What the API shows of a subscription: no endpoint, no keys. */
export function publicSubscription(s: StoredSubscription): PushSubscriptionInfo {
  const { endpoint: _endpoint, keys: _keys, ...info } = s;
  return info;
}

export class PushSubscriptionRepo {
  private readonly sql: Sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  list(): StoredSubscription[] {
    return (this.sql('SELECT * FROM push_subscriptions ORDER BY created_at, id').all() as Row[]).map(toSubscription);
  }

  get(id: string): StoredSubscription | null {
    const row = this.sql('SELECT * FROM push_subscriptions WHERE id = ?').get(id) as Row | undefined;
    return row ? toSubscription(row) : null;
  }

  /** The same endpoint again (a browser re-subscribing) keeps its id and settings unless new settings are given. */
  upsert(subscription: BrowserSubscription, deviceId: string | null, settings?: NotificationSettings): StoredSubscription {
    const existing = this.sql('SELECT * FROM push_subscriptions WHERE endpoint = ?').get(subscription.endpoint) as Row | undefined;
    const { p256dh, auth } = subscription.keys;
    if (existing) {
      const json = settings ? JSON.stringify(settings) : existing.settings_json;
      this.sql('UPDATE push_subscriptions SET p256dh = ?, auth = ?, device_id = ?, settings_json = ? WHERE id = ?').run(
        p256dh,
        auth,
        deviceId,
        json,
        existing.id,
      );
      return this.get(existing.id) as StoredSubscription;
    }
    const id = randomUUID();
    this.sql(
      'INSERT INTO push_subscriptions (id, device_id, endpoint, p256dh, auth, settings_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(id, deviceId, subscription.endpoint, p256dh, auth, JSON.stringify(settings ?? DEFAULT_SETTINGS), nowIso());
    return this.get(id) as StoredSubscription;
  }

  setSettings(id: string, settings: NotificationSettings): void {
    this.sql('UPDATE push_subscriptions SET settings_json = ? WHERE id = ?').run(JSON.stringify(settings), id);
  }

  markSent(id: string): void {
    this.sql('UPDATE push_subscriptions SET last_sent_at = ? WHERE id = ?').run(nowIso(), id);
  }

  delete(id: string): boolean {
    return this.sql('DELETE FROM push_subscriptions WHERE id = ?').run(id).changes > 0;
  }
}
