// Notifications inside the service worker for tests. chrome-headless-shell has no notification service, so there
// showNotification refuses ("No notification permission") even after the test grants it; this stand-in records what
// the worker shows instead (a full Chromium keeps its own). Clicking is dispatched through the worker's own
// notificationclick listener, since no DevTools command clicks a notification. Test-only.
import type { Worker } from 'playwright-core';

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  data: { url?: string; sessionId?: string; kind?: string };
}

/** The parts of the worker's global scope used here (the DOM typings have no service worker scope). */
interface WorkerScope extends EventTarget {
  registration: ServiceWorkerRegistration;
}

/** Replaces showNotification/getNotifications in the worker when it cannot show notifications itself. */
export async function installWorkerNotificationStandIn(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const scope = self as unknown as { __cpmShown?: unknown[]; Notification?: { permission: string } };
    if (scope.Notification?.permission === 'granted' || scope.__cpmShown) return;
    const shown: { title: string; body: string; tag: string; data: unknown; close(): void }[] = [];
    scope.__cpmShown = shown;
    const proto = ServiceWorkerRegistration.prototype as unknown as Record<string, unknown>;
    proto.showNotification = async (title: string, options: NotificationOptions = {}) => {
      const tag = options.tag ?? '';
      // Like the platform: a notification with the same tag replaces the older one.
      const same = shown.findIndex((n) => n.tag === tag && tag !== '');
      const notification = {
        title,
        body: options.body ?? '',
        tag,
        data: options.data ?? null,
        close: () => {
          const at = shown.indexOf(notification);
          if (at >= 0) shown.splice(at, 1);
        },
      };
      if (same >= 0) shown.splice(same, 1, notification);
      else shown.push(notification);
    };
    proto.getNotifications = async () => [...shown];
  });
}

/** What the worker shows now. */
export function shownNotifications(worker: Worker): Promise<ShownNotification[]> {
  return worker.evaluate(async () =>
    (await (self as unknown as WorkerScope).registration.getNotifications()).map((n: Notification) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      data: n.data,
    })),
  );
}

/** Clicks the shown notification with this tag: runs the worker's notificationclick handling to its end. */
export function clickNotification(worker: Worker, tag: string): Promise<void> {
  return worker.evaluate(async (wanted) => {
    const scope = self as unknown as WorkerScope;
    const notification = (await scope.registration.getNotifications()).find((n: Notification) => n.tag === wanted);
    if (!notification) throw new Error(`No notification tagged ${wanted} is shown`);
    const pending: Promise<unknown>[] = [];
    // A script-made event cannot extend its own lifetime (waitUntil throws for it): collect the promises instead.
    const event = new Event('notificationclick');
    Object.defineProperty(event, 'notification', { value: notification });
    Object.defineProperty(event, 'waitUntil', { value: (p: Promise<unknown>) => pending.push(p) });
    scope.dispatchEvent(event);
    await Promise.all(pending);
  }, tag);
}
