// Security over real sockets: Host allowlist (DNS rebinding), Origin, token, one-time login link, inert uploads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../helpers/raw-http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts.close();
});

/** A raw request so we control the Host header (fetch does not allow it). */
function raw(url: string, headers: Record<string, string>, method = 'GET') {
  const { origin, pathname } = new URL(url);
  return rawRequest(origin, pathname, { method, headers });
}

describe('security', () => {
  it('binds to loopback only', () => {
    expect(new URL(ts.apiUrl).hostname).toBe('127.0.0.1');
    expect(new URL(ts.uiUrl).hostname).toBe('127.0.0.1');
  });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    const port = new URL(ts.apiUrl).port;
    const res = await raw(`${ts.apiUrl}/api/sessions`, { host: `evil.example:${port}`, authorization: `Bearer ${ts.token}` });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: expect.stringMatching(/loopback/) });
    const ok = await raw(`${ts.apiUrl}/api/sessions`, { host: `localhost:${port}`, authorization: `Bearer ${ts.token}` });
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Origin and allows our own', async () => {
    const bad = await ts.api('/api/sessions', { headers: { origin: 'https://evil.example' } });
    expect(bad.status).toBe(403);
    const nullOrigin = await ts.api('/api/sessions', { headers: { origin: 'null' } });
    expect(nullOrigin.status).toBe(403);
    const good = await ts.api('/api/sessions', { headers: { origin: ts.uiUrl } });
    expect(good.status).toBe(200);
  });

  it('requires the token on every API call except /api/healthy', async () => {
    expect((await fetch(`${ts.apiUrl}/api/healthy`)).status).toBe(200);
    for (const path of ['/api/sessions', '/api/health', '/api/skills', '/api/events']) {
      const res = await fetch(`${ts.apiUrl}${path}`);
      expect(res.status, path).toBe(401);
      expect((await res.json()).ok).toBe(false);
    }
    const wrong = await fetch(`${ts.apiUrl}/api/sessions`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const post = await fetch(`${ts.apiUrl}/api/codex/sessions/by-thread/abc/wait`, { method: 'POST' });
    expect(post.status).toBe(401);
  });

  it('answers odd but harmless requests with a 4xx or a plain answer, never a 5xx or silence', async () => {
    const auth = { authorization: `Bearer ${ts.token}` };
    const head = await rawRequest(ts.apiUrl, '/api/events', { method: 'HEAD', headers: auth, timeoutMs: 3_000 });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toMatch(/text\/event-stream/);
    for (const cookie of ['cpm_token=%', 'cpm_token=%E0%A4%A', 'cpm_token']) {
      const res = await rawRequest(ts.apiUrl, '/api/sessions', { headers: { cookie } });
      expect(res.status, cookie).toBe(401);
    }
    const [, created] = await ts.call('POST', '/api/codex/sessions/by-thread/019a0000-0000-7000-8000-0000000000ac', {});
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=']) {
      const res = await rawRequest(ts.apiUrl, `/api/sessions/${created.session.id}/attachments`, {
        method: 'POST',
        headers: { ...auth, 'content-type': type },
        body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhi\r\n--x--\r\n',
      });
      expect(res.status, type).toBe(400);
      expect(JSON.parse(res.body).error).toMatch(/multipart\/form-data/);
    }
  });

  it('refuses to listen on a name that only looks like loopback', async () => {
    const { startServer } = await import('../../src/server/start.js');
    const settings = { dataRoot: ts.dataRoot, codexHome: ts.codexHome, host: '127.0.0.1.nip.io', apiPort: 0, uiPort: 0 };
    await expect(startServer(settings, { webRoot: null })).rejects.toThrow(/Refusing to listen on 127\.0\.0\.1\.nip\.io/);
  });

  it('swaps a one-time link for an HttpOnly SameSite=Strict cookie, once', async () => {
    const link = ts.server.loginUrl();
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0] as string;
    const withCookie = await fetch(`${ts.uiUrl}/api/sessions`, { headers: { cookie: pair } });
    expect(withCookie.status).toBe(200);
    const reused = await fetch(link, { redirect: 'manual' });
    expect(reused.status).toBe(401);
  });

  it('issues login links to token holders only', async () => {
    expect((await fetch(`${ts.apiUrl}/api/auth/login-link`, { method: 'POST' })).status).toBe(401);
    const [status, body] = await ts.call('POST', '/api/auth/login-link', {});
    expect(status).toBe(200);
    expect(body.url).toMatch(new RegExp(`^${ts.uiUrl}/auth\\?code=`));
  });

  it('writes a private token of at least 128 bits', async () => {
    const { statSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(ts.dataRoot, 'token');
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url').length).toBeGreaterThanOrEqual(16);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    const info = JSON.parse(readFileSync(join(ts.dataRoot, 'server.json'), 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, apiUrl: ts.apiUrl, uiUrl: ts.uiUrl });
  });

  it('serves uploads as inert downloads, even HTML and SVG', async () => {
    const [, created] = await ts.call('POST', '/api/codex/sessions/by-thread/019a0000-0000-7000-8000-0000000000aa', {});
    const id = created.session.id;
    for (const [name, type, body] of [
      ['x.html', 'text/html', '<script>alert(1)</script>'],
      ['x.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ] as const) {
      const form = new FormData();
      form.append('file', new Blob([body], { type }), name);
      const up = await ts.api(`/api/sessions/${id}/attachments`, { method: 'POST', body: form });
      const { attachment } = await up.json();
      for (const suffix of ['', '?inline=1']) {
        const res = await ts.api(`/api/sessions/${id}/attachments/${attachment.id}${suffix}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/octet-stream');
        expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
        expect(await res.text()).toBe(body);
      }
    }
    const png = new FormData();
    png.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'shot.png');
    const { attachment } = await (await ts.api(`/api/sessions/${id}/attachments`, { method: 'POST', body: png })).json();
    const inline = await ts.api(`/api/sessions/${id}/attachments/${attachment.id}?inline=1`);
    expect(inline.headers.get('content-type')).toBe('image/png');
    expect(inline.headers.get('content-disposition')).toMatch(/^inline;/);
  });

  it('streams pushes to an authenticated client and checks its Origin', async () => {
    const bad = await ts.api('/api/events', { headers: { origin: 'http://127.0.0.1:1' } });
    expect(bad.status).toBe(403);
    const controller = new AbortController();
    const res = await ts.api('/api/events', { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const read = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value);
      }
    };
    await read(/"type":"hello"/);
    await ts.call('POST', '/api/codex/sessions/by-thread/019a0000-0000-7000-8000-0000000000bb/conclusion', { content: 'pushed!' });
    await read(/"type":"timeline.appended".*pushed!/);
    controller.abort();
  });
});
