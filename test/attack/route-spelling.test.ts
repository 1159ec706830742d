// Every registered route, on both listeners, refuses a caller without a credential however its path is spelled:
// the check must see what the router routes, not the raw request line.
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

const PARAM_VALUE = '019a0000-0000-7000-8000-0000000000cd';

function concretePath(pattern: string): string {
  return pattern.replace(/:[A-Za-z]+/g, PARAM_VALUE).replace(/\*$/, 'x');
}

/** One path written every way a lenient router might read as the same route. */
function spellings(path: string, base: string): string[] {
  const rest = path.slice('/api'.length);
  const out = new Set<string>([
    path,
    `/${path}`,
    `//${path.slice(1)}`,
    `/.${path}`,
    `/./${path.slice(1)}`,
    `/api/..${path}`,
    `/x/..${path}`,
    `/API${rest}`,
    `/Api${rest}`,
    path.toUpperCase(),
    `${base}${path}`,
    `${base.toUpperCase()}${path}`,
    `/api.${rest}`,
    `/api..${rest}`,
    `${path}.`,
    `/api;x=1${rest}`,
    `${path};x=1`,
    `/api%2f${rest.slice(1)}`,
    `/api%2F${rest.slice(1)}`,
    path.replace(/[^/]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`),
  ]);
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as string;
    if (c === '/') continue;
    const hex = c.charCodeAt(0).toString(16).padStart(2, '0');
    out.add(`${path.slice(0, i)}%${hex}${path.slice(i + 1)}`);
    out.add(`${path.slice(0, i)}%${hex.toUpperCase()}${path.slice(i + 1)}`);
  }
  return [...out];
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

describe('route spelling audit', () => {
  it('knows every route both listeners serve, and only the health probe, the sign-in link and pairing are public', () => {
    for (const listener of ts.server.listeners) {
      expect(listener.routes.length).toBeGreaterThan(40);
      const open = listener.routes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`);
      expect(open.sort()).toEqual([
        'GET /api/healthy',
        'GET /auth',
        'GET /pair',
        'GET /pair.js',
        'HEAD /api/healthy',
        'HEAD /auth',
        'HEAD /pair',
        'HEAD /pair.js',
        'POST /api/pairing/redeem',
      ]);
      for (const must of ['GET /api/sessions', 'POST /api/sessions/:sessionId/prompts', 'GET /api/events']) {
        expect(listener.routes.map((r) => `${r.method} ${r.url}`)).toContain(must);
      }
    }
  });

  // Over 4,000 real requests: about 20 s alone on 2 cores, more while other test files run beside it.
  it('answers 401 to every non-public route under every spelling, on both ports', { timeout: 60_000 }, async () => {
    let checked = 0;
    const failures: string[] = [];
    for (const listener of ts.server.listeners) {
      const cases = listener.routes
        .filter((r) => !r.public)
        .flatMap((r) => spellings(concretePath(r.url), listener.url).map((target) => ({ method: r.method, target })));
      await inBatches(cases, 16, async ({ method, target }) => {
        const headers: Record<string, string> = method === 'GET' || method === 'HEAD' ? {} : { 'content-type': 'application/json' };
        const body = method === 'GET' || method === 'HEAD' ? undefined : '{}';
        const answer = await rawRequest(listener.url, target, { method, headers, body }).catch((e: Error) => ({
          status: 0,
          body: e.message,
        }));
        checked++;
        const leaked = method !== 'HEAD' && !answer.body.includes('"ok":false');
        if (answer.status !== 401 || leaked) failures.push(`${answer.status} ${method} ${target} ${answer.body.slice(0, 60)}`);
      });
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(3000);
  });

  it('a wrong or malformed credential is no credential', async () => {
    const target = '/%61pi/sessions';
    const credentials: Record<string, string>[] = [
      { authorization: 'Bearer wrong' },
      { authorization: `bearer ${ts.token}x` },
      { cookie: 'cpm_token=%' },
      { cookie: 'cpm_token=%E0%A4%A' },
      { cookie: `cpm_token=${ts.token.slice(0, -1)}` },
    ];
    for (const headers of credentials) {
      const answer = await rawRequest(ts.apiUrl, target, { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(401);
    }
  });

  it('with the token, the odd spellings reach the same route, so the check and the router agree', async () => {
    const auth = { authorization: `Bearer ${ts.token}` };
    for (const target of spellings('/api/sessions', ts.apiUrl)) {
      const answer = await rawRequest(ts.apiUrl, target, { headers: auth });
      // Spellings the router does not route answer 404; none may answer 401 once the token is there.
      expect([200, 404], `${target} → ${answer.status}`).toContain(answer.status);
    }
    const routed = await rawRequest(ts.apiUrl, '/%61pi/sessions', { headers: auth });
    expect(JSON.parse(routed.body)).toMatchObject({ ok: true, sessions: [] });
  });
});
