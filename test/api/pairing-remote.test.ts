// Pairing a phone and the listener for other devices, over real HTTPS against the real server: the remote listener runs
// on a second loopback address (127.0.0.2), which counts as remote because of the listener, not the address. Proves:
// pairing end to end (QR secret and short code, once), no credential → 401, foreign Host → 403, exact allowed host
// names, proxied requests never taken for this computer, a revoked device → 401 with its event stream closed at once,
// and wrong codes rate-limited (429) and logged.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../../src/server/app.js';
import { parseAllowedHosts } from '../../src/server/auth/hosts.js';
import { httpsRequest, openStream } from '../helpers/https.js';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const PROXY_NAME = 'my-pc.tail1234.ts.net';
let ts: TestServer;
let remote: string;
let ca: string;
const logged: string[] = [];

beforeAll(async () => {
  ts = await startTestServer({
    start: { remote: { host: '127.0.0.2', port: 0 }, allowedHosts: parseAllowedHosts(PROXY_NAME), log: (line) => logged.push(line) },
  });
  remote = ts.server.remote?.url ?? '';
  ca = readFileSync(join(ts.dataRoot, 'tls', 'cert.pem'), 'utf8');
});
afterAll(async () => {
  await ts?.close();
});

const remoteCall = (path: string, init: { method?: string; headers?: Record<string, string>; json?: unknown } = {}) =>
  httpsRequest(remote, path, {
    ca,
    method: init.method,
    headers: init.headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });

/** A fresh pairing from the owner (the CLI's way: Bearer token on the loopback API). */
async function newPairing() {
  const [status, body] = await ts.call('POST', '/api/pairing');
  expect(status).toBe(201);
  return body.pairing as { code: string; links: { url: string; via: string }[]; qrSvg: string | null; fingerprint: string | null };
}

/** Pairs over the remote listener and returns the device cookie (name=value) and the device. */
async function pairDevice(name: string) {
  const pairing = await newPairing();
  const link = pairing.links.find((l) => l.url.startsWith(remote)) as { url: string };
  const secret = new URL(link.url).hash.slice(1);
  const answer = await remoteCall('/api/pairing/redeem', { method: 'POST', json: { secret, name }, headers: { origin: remote } });
  expect(answer.status, answer.body).toBe(201);
  const setCookie = String(answer.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0] as string, setCookie, device: JSON.parse(answer.body).device, secret };
}

describe('the listener for other devices', () => {
  it('serves HTTPS with the certificate whose fingerprint the pairing screen shows', async () => {
    expect(remote).toMatch(/^https:\/\/127\.0\.0\.2:\d+$/);
    const pairing = await newPairing();
    const served = await remoteCall('/pair');
    expect(served.status).toBe(200);
    expect(served.fingerprint).toBe(new X509Certificate(ca).fingerprint256);
    expect(pairing.fingerprint).toBe(served.fingerprint);
    expect(served.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(served.body).toContain('<script src="/pair.js">');
    expect((await remoteCall('/pair.js')).body).toContain('/api/pairing/redeem');
    // The proxy's name first (it has a real certificate), then this listener; the secret is in the fragment only.
    expect(pairing.links.map((l) => new URL(l.url).origin)).toEqual([`https://${PROXY_NAME}`, remote]);
    for (const link of pairing.links) expect(new URL(link.url)).toMatchObject({ pathname: '/pair', search: '' });
    expect(pairing.qrSvg).toMatch(/^<svg/);
    expect(pairing.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  });

  it('pairs a device end to end: its own Secure HttpOnly SameSite=Strict cookie, stored hashed, the link works once', async () => {
    const { cookie, setCookie, device, secret } = await pairDevice('Test phone');
    expect(setCookie).toMatch(/^cpm_device=[^;]+; HttpOnly; Secure; SameSite=Strict; Path=\/; Max-Age=\d+/);
    const token = decodeURIComponent(cookie.slice('cpm_device='.length));
    const sessions = await remoteCall('/api/sessions', { headers: { cookie } });
    expect(sessions.status).toBe(200);
    const devices = JSON.parse((await remoteCall('/api/devices', { headers: { cookie } })).body);
    expect(devices.you).toEqual({ kind: 'device', deviceId: device.id });
    expect(devices.devices.find((d: { id: string }) => d.id === device.id)).toMatchObject({
      name: 'Test phone',
      pairedAt: expect.any(String),
      lastSeenAt: expect.any(String),
      lastAddress: expect.stringMatching(/127\.0\.0\./),
    });
    const again = await remoteCall('/api/pairing/redeem', { method: 'POST', json: { secret, name: 'Thief' } });
    expect([again.status, JSON.parse(again.body).code]).toEqual([401, 'pairing_invalid']);
    // Only a hash is at rest: the token is nowhere in the database.
    const db = new Database(join(ts.dataRoot, 'codex-pro-max.sqlite3'), { readonly: true });
    const rows = db.prepare('SELECT * FROM devices').all();
    db.close();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.length).toBeGreaterThan(0);
    // A device cannot pair others, so removing a lost phone is always enough.
    const more = await remoteCall('/api/pairing', { method: 'POST', headers: { cookie } });
    expect([more.status, JSON.parse(more.body).code]).toEqual([403, 'pairing_needs_owner']);
  });

  it('pairs with the short code typed by hand, in any case and spacing, once', async () => {
    const { code } = await newPairing();
    const typed = code.toLowerCase().replace('-', ' ');
    const answer = await remoteCall('/api/pairing/redeem', { method: 'POST', json: { code: typed, name: 'Tablet' } });
    expect(answer.status).toBe(201);
    const again = await remoteCall('/api/pairing/redeem', { method: 'POST', json: { code, name: 'Tablet' } });
    expect(again.status).toBe(401);
  });

  it('answers 401 without a credential, the owner token included only when sent', async () => {
    for (const path of ['/api/sessions', '/api/events', '/api/devices', '/api/health']) {
      const answer = await remoteCall(path);
      expect([path, answer.status, JSON.parse(answer.body).code]).toEqual([path, 401, 'unauthorized']);
    }
    expect((await remoteCall('/api/sessions', { headers: { cookie: 'cpm_device=not-a-device' } })).status).toBe(401);
    expect((await remoteCall('/api/sessions', { headers: { authorization: `Bearer ${ts.token}` } })).status).toBe(200);
  });

  it('answers 401 on every non-public route it serves, the pairing ones public', async () => {
    const routes = routesOf(ts.server.remote?.app as never);
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.public && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['GET /pair', 'GET /pair.js', 'POST /api/pairing/redeem']),
    );
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.public)) {
      const path = route.url.replace(/:[A-Za-z]+/g, '019a0000-0000-7000-8000-0000000000cd').replace(/\*$/, 'x');
      const body = route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}';
      const answer = await httpsRequest(remote, path, { ca, method: route.method, body });
      if (answer.status !== 401) failures.push(`${answer.status} ${route.method} ${path}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to a foreign Host or Origin, even with a device cookie', async () => {
    const { cookie } = await pairDevice('Host test');
    const port = new URL(remote).port;
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1:${port}`,
      `127.0.0.2.nip.io:${port}`,
      `x.${PROXY_NAME}`,
      `${PROXY_NAME}.evil.example`,
    ]) {
      const answer = await remoteCall('/api/sessions', { headers: { cookie, host } });
      expect([host, answer.status]).toEqual([host, 403]);
    }
    const foreign = await remoteCall('/api/sessions', { headers: { cookie, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await remoteCall('/api/sessions', { headers: { cookie, origin: remote } })).status).toBe(200);
  });
});

describe('a proxy in front of the loopback port (Tailscale Serve)', () => {
  it('accepts exactly the allowed name in Host and Origin, over HTTPS only', async () => {
    const auth = { authorization: `Bearer ${ts.token}` };
    const ok = await rawRequest(ts.uiUrl, '/api/sessions', { headers: { ...auth, host: PROXY_NAME, origin: `https://${PROXY_NAME}` } });
    expect(ok.status).toBe(200);
    for (const host of [`www.${PROXY_NAME}`, `${PROXY_NAME}.evil.example`, 'tail1234.ts.net']) {
      expect((await rawRequest(ts.uiUrl, '/api/sessions', { headers: { ...auth, host } })).status, host).toBe(403);
    }
    const plainOrigin = await rawRequest(ts.uiUrl, '/api/sessions', {
      headers: { ...auth, host: PROXY_NAME, origin: `http://${PROXY_NAME}` },
    });
    expect(plainOrigin.status).toBe(403);
  });

  it('never takes a proxied request for one from this computer: sign-in links work only without proxy headers', async () => {
    const signIn = (headers: Record<string, string>) => {
      const { pathname, search } = new URL(ts.server.loginUrl());
      return rawRequest(ts.uiUrl, `${pathname}${search}`, { headers });
    };
    const proxied: Record<string, string>[] = [
      { 'x-forwarded-for': '100.64.0.7' },
      { forwarded: 'for=100.64.0.7;proto=https' },
      { host: PROXY_NAME },
    ];
    for (const headers of proxied) {
      const answer = await signIn(headers);
      expect([JSON.stringify(headers), answer.status]).toEqual([JSON.stringify(headers), 403]);
      expect(answer.body).toMatch(/Pair a phone/);
    }
    // The remote listener is remote even on a loopback address.
    const { pathname, search } = new URL(ts.server.loginUrl());
    expect((await remoteCall(`${pathname}${search}`)).status).toBe(403);
    expect((await signIn({})).status).toBe(303);
  });
});

describe('revoking a device', () => {
  it('answers 401 to it at once and closes its open event stream', async () => {
    const { cookie, device } = await pairDevice('Lost phone');
    const stream = await openStream(remote, '/api/events', { ca, headers: { cookie } });
    expect(stream.status).toBe(200);
    await stream.waitFor(/"type":"hello"/);
    const [status, body] = await ts.call('DELETE', `/api/devices/${device.id}`);
    expect(status).toBe(200);
    expect(body.devices.map((d: { id: string }) => d.id)).not.toContain(device.id);
    await stream.ended;
    expect((await remoteCall('/api/sessions', { headers: { cookie } })).status).toBe(401);
    expect((await remoteCall('/api/events', { headers: { cookie } })).status).toBe(401);
    const [missing, gone] = await ts.call('DELETE', `/api/devices/${device.id}`);
    expect([missing, gone.code]).toEqual([404, 'not_found']);
    expect(logged.some((l) => l.includes('removed a paired device'))).toBe(true);
  });
});

describe('wrong pairing codes', () => {
  it('are refused, logged, and past five a minute answered 429 without looking at the code', async () => {
    const { code } = await newPairing();
    // Earlier tests each tried one used link or code; together with these they make the five allowed.
    const wrongSoFar = () => logged.filter((l) => l.includes('wrong pairing code')).length;
    const earlier = wrongSoFar();
    expect(earlier).toBeLessThan(5);
    for (let i = earlier; i < 5; i++) {
      const wrong = await remoteCall('/api/pairing/redeem', { method: 'POST', json: { code: 'AAAA-AAAA', name: 'x' } });
      expect([wrong.status, JSON.parse(wrong.body).code]).toEqual([401, 'pairing_invalid']);
    }
    expect(wrongSoFar()).toBe(5);
    expect(logged.at(-1)).toMatch(/wrong pairing code or link was tried from 127\.0\.0\./);
    const limited = await remoteCall('/api/pairing/redeem', { method: 'POST', json: { code, name: 'x' } });
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toMatchObject({
      ok: false,
      code: 'pairing_rate_limited',
      error: expect.stringMatching(/Too many wrong pairing codes/),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(logged.filter((l) => l.includes('wrong pairing code')).length).toBeGreaterThanOrEqual(6);
  });
});

describe('a plain-HTTP listener for other devices (--insecure-http)', () => {
  it('still pairs, with a cookie a browser keeps over HTTP (no Secure), and shows no fingerprint', async () => {
    const plain = await startTestServer({ start: { remote: { host: '127.0.0.3', port: 0, plainHttp: true }, log: () => {} } });
    try {
      const url = plain.server.remote?.url ?? '';
      expect(url).toMatch(/^http:\/\/127\.0\.0\.3:\d+$/);
      const [, { pairing }] = await plain.call('POST', '/api/pairing');
      expect(pairing.fingerprint).toBeNull();
      const answer = await rawRequest(url, '/api/pairing/redeem', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: pairing.code, name: 'Plain' }),
      });
      expect(answer.status).toBe(201);
      const cookie = String(answer.headers['set-cookie']);
      expect(cookie).toMatch(/^cpm_device=[^;]+; HttpOnly; SameSite=Strict/);
      expect(cookie).not.toMatch(/Secure/);
      expect((await rawRequest(url, '/api/sessions', { headers: { cookie: cookie.split(';')[0] as string } })).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
