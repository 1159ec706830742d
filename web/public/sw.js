// The service worker: keeps the app shell (index.html, the built assets, icons) so the installed app opens without a
// connection and says "Not connected", shows Web Push notifications, and opens their session on a click.
// It never caches or answers /api or /auth: sessions, prompts and credentials only ever come from the server, live.
// A plain file (web/public is copied as is): the CSP allows only same-origin scripts, and a worker needs no bundle.

const SHELL = 'cpm-shell-v1';
// Files the shell needs besides index.html and the assets it names; fetched once at install.
const STATIC = ['/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon.svg'];

/** The built assets an index.html names (hashed names, so a cached copy never goes stale). */
function assetsOf(html) {
  return [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]))];
}

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const page = await fetch('/', { cache: 'no-store' });
  if (!page.ok) throw new Error(`The app page answered ${page.status}`);
  const html = await page.clone().text();
  await cache.put('/', page);
  await cache.addAll([...assetsOf(html), ...STATIC]);
}

// A new build names new assets: keep the cache to what the page now uses (lazily loaded parts come back when asked).
async function pruneAssets(html) {
  const cache = await caches.open(SHELL);
  const keep = new Set(assetsOf(html));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !keep.has(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('cpm-shell-') && name !== SHELL) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const isServerOnly = (path) => /^\/+(api|auth)(\/|$)/i.test(path);

// Pages: the network first (the server may have a newer build), the cached shell when it cannot be reached. The page
// gets the answer as soon as it arrives; keeping it as the shell happens after (event.waitUntil), so no load waits on
// the cache: every script and style of the page is requested only once its HTML is in.
async function page(request, event) {
  try {
    const response = await fetch(request);
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && type.startsWith('text/html')) event.waitUntil(keepShell(response.clone()));
    return response;
  } catch {
    const cached = await caches.match('/');
    return cached ?? Response.error();
  }
}

async function keepShell(response) {
  const html = await response.clone().text();
  // Other pages (the pairing page, a used sign-in link) are not the app: keep the shell as it was.
  if (!html.includes('<div id="root"></div>')) return;
  const cache = await caches.open(SHELL);
  await cache.put('/', response);
  await pruneAssets(html);
}

// Assets never change under one name: the cache first (the theme script among them, which the page's parsing waits
// for). Other shell files: the network first, kept after the answer went out.
async function file(request, path, event) {
  const cache = await caches.open(SHELL);
  if (path.startsWith('/assets/')) {
    const cached = await cache.match(request);
    if (cached) return cached;
  }
  try {
    const response = await fetch(request);
    if (response.ok) event.waitUntil(cache.put(request, response.clone()));
    return response;
  } catch {
    return (await cache.match(request)) ?? Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isServerOnly(url.pathname)) return;
  event.respondWith(request.mode === 'navigate' ? page(request, event) : file(request, url.pathname, event));
});

// ---- Web Push ----

/** The payload the server sends (src/shared/notifications.ts); anything else gets a plain notice. */
function decodePush(event) {
  try {
    const data = event.data?.json();
    if (data && data.v === 1 && typeof data.title === 'string' && typeof data.sessionId === 'string') return data;
  } catch {
    // Not JSON: fall through to the plain notice.
  }
  return { v: 1, kind: 'unknown', sessionId: '', title: 'Codex Pro Max', body: 'Something needs you.', url: '/' };
}

/** Only a path of this app: a payload can never send a click elsewhere. */
function sameOriginUrl(url) {
  try {
    const parsed = new URL(typeof url === 'string' ? url : '/', self.location.origin);
    return parsed.origin === self.location.origin ? parsed.href : self.location.origin;
  } catch {
    return self.location.origin;
  }
}

// Which session each window shows, as the page reports it (a window's URL does not follow its hash here). Lost when
// the worker stops; then a push is shown even over its own session, which costs only a duplicate.
const viewing = new Map();

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type === 'cpm.viewing' && event.source?.id)
    viewing.set(event.source.id, typeof data.sessionId === 'string' ? data.sessionId : '');
});

self.addEventListener('push', (event) => {
  const message = decodePush(event);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      // Someone looking at that very session already sees it; a notice on top would only be noise.
      const watching = windows.some(
        (c) => c.focused && c.visibilityState === 'visible' && message.sessionId && viewing.get(c.id) === message.sessionId,
      );
      if (watching) return;
      await self.registration.showNotification(message.title, {
        body: message.body,
        // One notice per session: a newer one replaces the older (the page's own notices use the same tag).
        tag: message.sessionId ? `cpm-${message.sessionId}` : 'cpm',
        renotify: true,
        icon: '/icons/icon-192.png',
        badge: '/icons/icon-192.png',
        data: { url: sameOriginUrl(message.url), sessionId: message.sessionId, kind: message.kind },
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data ?? {};
  event.waitUntil(openSession(sameOriginUrl(data.url), typeof data.sessionId === 'string' ? data.sessionId : ''));
});

// An open window of the app switches to the session (the page follows the message); otherwise a new one opens on it.
async function openSession(url, sessionId) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const client = windows.find((c) => new URL(c.url).origin === self.location.origin);
  if (!client) return self.clients.openWindow(url);
  client.postMessage({ type: 'cpm.open-session', sessionId });
  try {
    await client.focus();
  } catch {
    // Focus is the browser's call; the session is open in that window either way.
  }
}
