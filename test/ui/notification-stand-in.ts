// A Notification API for chrome-headless-shell (the build in @sparticuz/chromium), which has no notification service:
// there Notification.permission stays "denied" even after the test grants it. Runs in the page; test-only.

/**
 * Replaces window.Notification with a stand-in whose permission follows what the browser context granted (as
 * navigator.permissions reports it) and whose instances carry title, body, tag and onclick. Nothing is shown on screen;
 * the UI's own permission checks and notification calls run unchanged. Passed to addInitScript, so it must not use
 * anything from this module's scope.
 */
export function installNotificationStandIn(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'denied') return;
  let permission: NotificationPermission = 'default';
  const follow = (status: PermissionStatus) => {
    permission = status.state === 'prompt' ? 'default' : status.state;
  };
  const query = () => navigator.permissions.query({ name: 'notifications' });
  void query().then((status) => {
    follow(status);
    status.onchange = () => follow(status);
  });
  class StandIn extends EventTarget {
    static get permission(): NotificationPermission {
      return permission;
    }
    // No person can answer a prompt in a headless browser: only a grant the test gave counts.
    static async requestPermission(): Promise<NotificationPermission> {
      follow(await query());
      if (permission === 'default') permission = 'denied';
      return permission;
    }
    readonly title: string;
    readonly body: string;
    readonly tag: string;
    readonly data: unknown;
    onclick: ((this: StandIn, ev: Event) => unknown) | null = null;
    onclose: ((this: StandIn, ev: Event) => unknown) | null = null;
    onerror: ((this: StandIn, ev: Event) => unknown) | null = null;
    onshow: ((this: StandIn, ev: Event) => unknown) | null = null;
    constructor(title: string, options: NotificationOptions = {}) {
      super();
      this.title = title;
      this.body = options.body ?? '';
      this.tag = options.tag ?? '';
      this.data = options.data ?? null;
    }
    close(): void {}
  }
  Object.defineProperty(window, 'Notification', { value: StandIn, writable: true, configurable: true });
}
