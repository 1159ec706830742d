// Answers are compressed when the client accepts it, and decode to exactly what an uncompressed answer carries: JSON on
// the API, the UI's files on the UI port. The event stream is never compressed (a compressor would hold frames back).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, decodeAnswer } from '../../src/shared/api.js';
import type { ThreadId } from '../../src/shared/ids.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** GET (or POST `json`) over a plain socket, so the bytes are the ones on the wire (fetch would decode them out of sight). */
function get(base: string, path: string, headers: Record<string, string>, firstChunkOnly = false, json?: unknown): Promise<Answer> {
  const { hostname, port } = new URL(base);
  const body = json === undefined ? undefined : JSON.stringify(json);
  const sent = { host: `${hostname}:${port}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers };
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, agent: false, method: body ? 'POST' : 'GET', headers: sent }, (res) => {
      const chunks: Buffer[] = [];
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        if (firstChunkOnly) {
          done();
          req.destroy();
        }
      });
      res.on('end', done);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const decode = (a: Answer): Buffer =>
  a.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(a.body)
    : a.headers['content-encoding'] === 'gzip'
      ? gunzipSync(a.body)
      : a.body;

let ts: TestServer;
let webRoot: string;
const brotliBest = (text: string) => brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
const script = `console.log(${JSON.stringify('the UI bundle '.repeat(5_000))});\n`;
beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'cpm-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), `<!doctype html><title>Codex Pro Max</title>${'<!-- padding -->'.repeat(100)}`);
  writeFileSync(join(webRoot, 'assets', 'app-abc123.js'), script);
  // Built with its compressed copies beside it, as the UI build leaves every file worth compressing.
  writeFileSync(join(webRoot, 'assets', 'built-def456.js'), script);
  writeFileSync(join(webRoot, 'assets', 'built-def456.js.br'), brotliBest(script));
  writeFileSync(join(webRoot, 'assets', 'built-def456.js.gz'), gzipSync(script, { level: constants.Z_BEST_COMPRESSION }));
  ts = await startTestServer({ webRoot });
  const { delivery } = ts.server.ctx;
  for (let i = 0; i < 30; i++) {
    const thread = `0198a5f2-0000-7000-8000-${String(i).padStart(12, '0')}` as ThreadId;
    delivery.attach(thread, `session ${i}`);
    delivery.conclude(thread, `## Done ${i}\n\n${'Everything went as planned. '.repeat(40)}`);
  }
});
afterAll(async () => {
  await ts?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

const bearer = () => ({ authorization: `Bearer ${ts.token}` });

it('compresses JSON answers (gzip or br, as accepted) and they decode to the plain answer', async () => {
  const plain = await get(ts.apiUrl, '/api/sessions', { ...bearer(), 'accept-encoding': 'identity' });
  expect(plain.headers['content-encoding']).toBeUndefined();
  const expected = decodeAnswer(api.listSessions, plain.status, JSON.parse(plain.body.toString('utf8')));
  expect(expected.sessions).toHaveLength(30);
  for (const encoding of ['gzip', 'br']) {
    const packed = await get(ts.apiUrl, '/api/sessions', { ...bearer(), 'accept-encoding': encoding });
    expect([encoding, packed.status, packed.headers['content-encoding']]).toEqual([encoding, 200, encoding]);
    expect(String(packed.headers.vary)).toMatch(/accept-encoding/i);
    expect(packed.body.length).toBeLessThan(plain.body.length / 4);
    expect(decodeAnswer(api.listSessions, 200, JSON.parse(decode(packed).toString('utf8')))).toEqual(expected);
  }
});

it('compresses the UI files it serves, keeping their type and caching', async () => {
  const asset = await get(ts.uiUrl, '/assets/app-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
  expect(asset.status).toBe(200);
  expect(asset.headers['content-encoding']).toBe('br');
  expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(asset.body.length).toBeLessThan(script.length / 10);
  expect(decode(asset).toString('utf8')).toBe(script);
  const page = await get(ts.uiUrl, '/sessions/x', { 'accept-encoding': 'gzip' });
  expect([page.headers['content-encoding'], decode(page).toString('utf8')]).toEqual(['gzip', expect.stringContaining('<title>')]);
});

it("sends the build's compressed copy of a UI file as it is, rather than compressing the file again", async () => {
  for (const [encoding, suffix] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ] as const) {
    const asset = await get(ts.uiUrl, '/assets/built-def456.js', { 'accept-encoding': encoding });
    expect([asset.status, asset.headers['content-encoding'], asset.headers['content-type']]).toEqual([
      200,
      encoding,
      'text/javascript; charset=utf-8',
    ]);
    expect(asset.body.equals(readFileSync(join(webRoot, 'assets', `built-def456.js${suffix}`)))).toBe(true);
    expect(decode(asset).toString('utf8')).toBe(script);
  }
  const plain = await get(ts.uiUrl, '/assets/built-def456.js', { 'accept-encoding': 'identity' });
  expect([plain.headers['content-encoding'], plain.body.toString('utf8')]).toEqual([undefined, script]);
});

it('leaves the event stream uncompressed, so each push is readable as it is written', async () => {
  const stream = await get(ts.apiUrl, '/api/events', { ...bearer(), 'accept-encoding': 'gzip, br' }, true);
  expect(stream.headers['content-type']).toContain('text/event-stream');
  expect(stream.headers['content-encoding']).toBeUndefined();
  expect(stream.body.toString('utf8')).toContain('"type":"hello"');
});

it('answers Codex (loopback calls) uncompressed, however long the prompt it hands over', async () => {
  const thread = '0198a5f2-0000-7000-8000-00000000ffff' as ThreadId;
  const { delivery } = ts.server.ctx;
  const session = delivery.attach(thread, 'long prompt');
  delivery.queue(session.id, 'Refactor the parser. '.repeat(2_000));
  const path = `/api/codex/sessions/by-thread/${thread}/wait`;
  const answer = await get(ts.apiUrl, path, { ...bearer(), 'accept-encoding': 'gzip, br' }, false, { timeoutMs: 1_000 });
  expect([answer.status, answer.headers['content-encoding']]).toEqual([200, undefined]);
  expect(JSON.parse(answer.body.toString('utf8')).instruction.text).toBe('Refactor the parser. '.repeat(2_000));
});
