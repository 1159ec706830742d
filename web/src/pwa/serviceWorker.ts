// Registers the service worker (public/sw.js: the offline app shell and Web Push) and follows its "open this session"
// messages from a notification click. Only in a secure context, where browsers allow service workers at all.

/** The registration once the worker is active, or null where service workers are unavailable. */
export function serviceWorkerReady(): Promise<ServiceWorkerRegistration> | null {
  return 'serviceWorker' in navigator && window.isSecureContext ? navigator.serviceWorker.ready : null;
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; sessionId?: unknown } | null;
    if (data?.type !== 'cpm.open-session' || typeof data.sessionId !== 'string' || !data.sessionId) return;
    // The same route the sidebar and the page's own notifications use.
    location.hash = `#/s/${data.sessionId}`;
  });
  // The worker skips a notification for the session a focused window shows; it learns which from here.
  const tellViewing = () => {
    const sessionId = /^#\/s\/([^/?]+)/.exec(location.hash)?.[1] ?? '';
    navigator.serviceWorker.controller?.postMessage({ type: 'cpm.viewing', sessionId: decodeURIComponent(sessionId) });
  };
  window.addEventListener('hashchange', tellViewing);
  navigator.serviceWorker.addEventListener('controllerchange', tellViewing);
  tellViewing();
  // Loaded after the page so the first paint never waits on it; a failure only costs the offline shell.
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('The service worker could not be registered; the app will not open offline.', error);
    });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
