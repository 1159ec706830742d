// Web Push on this device: subscribes through the service worker's PushManager with the server's VAPID key, keeps the
// subscription's id (localStorage) to change its settings, and unsubscribes. Permission is asked only from a click.
import { useCallback, useEffect, useState } from 'react';
import { notificationEndpoints as endpoints, type NotificationKind, type NotificationSettings } from '../../../src/shared/notifications.js';
import { call } from '../api.js';
import { serviceWorkerReady } from './serviceWorker.js';

const ID_KEY = 'cpm.push.subscription';

export type PushState =
  | { kind: 'unsupported'; why: string }
  | { kind: 'loading' }
  | { kind: 'off'; denied: boolean }
  | { kind: 'on'; id: string; settings: NotificationSettings };

export interface PushNotifications {
  state: PushState;
  error: string | null;
  /** Must run from a click: asks for permission, subscribes, and registers the subscription with the server. */
  enable(): Promise<void>;
  disable(): Promise<void>;
  setKind(kind: NotificationKind, on: boolean): Promise<void>;
  setHideContent(on: boolean): Promise<void>;
}

function unsupportedReason(): string | null {
  if (!window.isSecureContext) return 'Push notifications need the app opened over HTTPS.';
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || typeof Notification === 'undefined') {
    // iOS offers Web Push only to an app added to the Home Screen.
    return 'This browser cannot receive push notifications here. On an iPhone or iPad, add the app to the Home Screen first.';
  }
  return null;
}

/** The base64url VAPID key as the bytes PushManager.subscribe wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export function usePushNotifications(): PushNotifications {
  const [state, setState] = useState<PushState>(() => {
    const why = unsupportedReason();
    return why ? { kind: 'unsupported', why } : { kind: 'loading' };
  });
  const [error, setError] = useState<string | null>(null);

  // What the server knows of this browser's subscription, if it still has one.
  useEffect(() => {
    if (unsupportedReason()) return;
    let cancelled = false;
    void (async () => {
      try {
        const registration = await serviceWorkerReady();
        const browserSub = await registration?.pushManager.getSubscription();
        const id = localStorage.getItem(ID_KEY);
        const known = browserSub && id ? (await call(endpoints.listPushSubscriptions)).subscriptions.find((s) => s.id === id) : undefined;
        if (!cancelled)
          setState(
            known ? { kind: 'on', id: known.id, settings: known.settings } : { kind: 'off', denied: Notification.permission === 'denied' },
          );
      } catch {
        if (!cancelled) setState({ kind: 'off', denied: Notification.permission === 'denied' });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const enable = useCallback(async () => {
    setError(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        setState({ kind: 'off', denied: permission === 'denied' });
        return;
      }
      const registration = await serviceWorkerReady();
      if (!registration) throw new Error('The app’s service worker is not running.');
      const { publicKey } = await call(endpoints.pushKey);
      const browserSub =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
      const { subscription } = await call(endpoints.subscribePush, {}, { subscription: browserSub.toJSON() });
      localStorage.setItem(ID_KEY, subscription.id);
      setState({ kind: 'on', id: subscription.id, settings: subscription.settings });
    } catch (e) {
      setError(`Push notifications could not be turned on: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, []);

  const disable = useCallback(async () => {
    setError(null);
    const current = state;
    try {
      const registration = await serviceWorkerReady();
      await (await registration?.pushManager.getSubscription())?.unsubscribe();
      if (current.kind === 'on') await call(endpoints.deletePushSubscription, { subscriptionId: current.id }).catch(() => {});
    } finally {
      localStorage.removeItem(ID_KEY);
      setState({ kind: 'off', denied: false });
    }
  }, [state]);

  const patch = useCallback(
    async (body: { kinds?: Partial<NotificationSettings['kinds']>; hideContent?: boolean }) => {
      if (state.kind !== 'on') return;
      setError(null);
      try {
        const { subscription } = await call(endpoints.updatePushSubscription, { subscriptionId: state.id }, body);
        setState({ kind: 'on', id: subscription.id, settings: subscription.settings });
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [state],
  );

  return {
    state,
    error,
    enable,
    disable,
    setKind: (kind, on) => patch({ kinds: { [kind]: on } }),
    setHideContent: (on) => patch({ hideContent: on }),
  };
}
