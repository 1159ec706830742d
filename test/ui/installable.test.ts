// The installable app in real Chromium against the real server: the manifest, icons and service worker are served
// without a credential (the browser fetches a manifest without cookies) with the right types and the UI's CSP, Chromium
// reports no installability errors, and with the server stopped the service worker serves the shell, which says
// "Not connected". The last test stops the server, so it runs last.
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, type Rig, startRig } from '../helpers/rig.js';

let rig: Rig & BrowserRig;
let cdp: CDPSession;

beforeAll(async () => {
  rig = await startRig({ browser: true });
  await rig.page.goto(rig.server.loginUrl());
  await rig.page.getByText('Connected').waitFor();
  // The worker takes the page over once it has cached the shell (clients.claim on activate).
  await rig.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  cdp = await rig.browser.context.newCDPSession(rig.page);
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

describe('installable app', () => {
  it('serves the manifest, icons and worker to a caller without a credential, typed and under the CSP', async () => {
    const files: [string, string][] = [
      ['/manifest.webmanifest', 'application/manifest+json'],
      ['/sw.js', 'text/javascript; charset=utf-8'],
      ['/icons/icon-192.png', 'image/png'],
      ['/icons/icon-512.png', 'image/png'],
      ['/icons/icon-maskable-512.png', 'image/png'],
      ['/icons/apple-touch-icon.png', 'image/png'],
    ];
    for (const [path, type] of files) {
      const res = await fetch(`${rig.uiUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    // A browser checks the worker for updates on its own; the server must not let a cache hold an old one.
    expect((await fetch(`${rig.uiUrl}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    // Nothing else opened up: the API still wants the credential, on the UI port too.
    expect((await fetch(`${rig.uiUrl}/api/sessions`)).status).toBe(401);
    const manifest = await (await fetch(`${rig.uiUrl}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone' });
  });

  it('has no installability errors in Chromium', async () => {
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
    expect(manifest.url).toBe(`${rig.uiUrl}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    expect(rig.pageErrors).toEqual([]);
  });

  // chrome-headless-shell (the npm package's build) has no install manager and answers [] for any page, so the criteria
  // a full Chromium applies are checked here as well: a name, a start URL in scope, a standalone display, and icons
  // that load as PNGs of the size they claim, one of them at least 144 px and one maskable.
  it('meets the criteria Chromium installs by, checked one by one', async () => {
    const manifest = (await (await fetch(`${rig.uiUrl}/manifest.webmanifest`)).json()) as {
      name: string;
      short_name: string;
      start_url: string;
      scope: string;
      display: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(manifest.name && manifest.short_name).toBeTruthy();
    expect(new URL(manifest.start_url, rig.uiUrl).href.startsWith(new URL(manifest.scope, rig.uiUrl).href)).toBe(true);
    expect(['standalone', 'fullscreen', 'minimal-ui']).toContain(manifest.display);
    let large = false;
    for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
      const bytes = Buffer.from(await (await fetch(`${rig.uiUrl}${icon.src}`)).arrayBuffer());
      expect(bytes.subarray(1, 4).toString(), icon.src).toBe('PNG');
      const size = `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
      expect(size, icon.src).toBe(icon.sizes);
      if (bytes.readUInt32BE(16) >= 144 && icon.purpose === 'any') large = true;
    }
    expect(large).toBe(true);
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    const worker = await rig.page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(worker).toBe(`${rig.uiUrl}/sw.js`);
  });

  it('opens from the cached shell with the server stopped and says it is not connected', async () => {
    // Another page of the server (the pairing page) passes through the worker but must not become the cached shell.
    await rig.page.goto(`${rig.uiUrl}/pair`);
    await rig.server.close();
    const answer = await rig.page.goto(`${rig.uiUrl}/`);
    expect(answer?.fromServiceWorker()).toBe(true);
    await rig.page.getByRole('heading', { name: 'Not connected' }).waitFor();
    await expect(rig.page.getByRole('button', { name: 'Try again' }).isVisible()).resolves.toBe(true);
    // The worker cached the shell and nothing of the API (sessions and credentials only ever come live).
    const cached = await rig.page.evaluate(async () => {
      const cache = await caches.open('cpm-shell-v1');
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached).toContain('/');
    expect(cached.some((p) => p.startsWith('/assets/'))).toBe(true);
    expect(cached.filter((p) => p.startsWith('/api') || p.startsWith('/auth'))).toEqual([]);
  });
});
