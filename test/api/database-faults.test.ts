// A database that cannot take writes (deleted, replaced, read-only, disk full) gets a deliberate answer with a stable
// code over real HTTP (or a start-up error naming the file), shows in /api/healthy and reaches browsers as a push:
// never a silent 2xx, never a 500. How each fault is made is in its test's name.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataFiles } from '../../src/settings.js';
import { canMakeReadOnly, canMount, fillDisk, readOnly, smallDisk } from '../helpers/faults.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { until } from '../helpers/until.js';

const THREAD = '019a0000-0000-7000-8000-0000000000f1';
const codex = (suffix = '') => `/api/codex/sessions/by-thread/${THREAD}${suffix}`;

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function serve(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const ts = await startTestServer(options);
  cleanups.push(() => ts.close());
  return ts;
}

async function attach(ts: TestServer): Promise<string> {
  const [status, body] = await ts.call('POST', codex(), { title: 'Fault test' });
  expect(status).toBe(201);
  const [concluded] = await ts.call('POST', codex('/conclusion'), { content: 'First conclusion.' });
  expect(concluded).toBe(201);
  return body.session.id;
}

function upload(ts: TestServer, sessionId: string, bytes: number): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes).fill(7)]), 'notes.bin');
  return ts.api(`/api/sessions/${sessionId}/attachments`, { method: 'POST', body: form });
}

function expectFault(status: number, body: any, expected: number, code: string) {
  expect({ status, ok: body?.ok, code: body?.code }).toEqual({ status: expected, ok: false, code });
  expect(typeof body.error).toBe('string');
}

/** The push stream over a real socket, collecting frames; `seen(type)` waits for one. */
async function listen(ts: TestServer) {
  const controller = new AbortController();
  cleanups.push(() => controller.abort());
  const res = await ts.api('/api/events', { signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const frames: any[] = [];
  let text = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      text += decoder.decode(value);
      const parts = text.split('\n\n');
      text = parts.pop() ?? '';
      for (const part of parts) {
        const data = part.split('\n').find((l) => l.startsWith('data: '));
        if (data) frames.push(JSON.parse(data.slice(6)));
      }
    }
  })();
  await until('the hello push', () => frames.some((f) => f.type === 'hello'), 5_000);
  return { frames, seen: (type: string) => until(`a ${type} push`, () => frames.find((f) => f.type === type), 5_000) };
}

describe('the database file deleted while the server runs', () => {
  it('refuses every write with 503 database_gone, keeps reads, and says so in /api/healthy and a push', async () => {
    const ts = await serve();
    const sessionId = await attach(ts);
    const pushes = await listen(ts);
    const file = dataFiles.database(ts.dataRoot);

    rmSync(file);

    const [queued, queuedBody] = await ts.call('POST', `/api/sessions/${sessionId}/prompts`, { content: 'Carry on.' });
    expectFault(queued, queuedBody, 503, 'database_gone');
    expect(queuedBody.error).toContain(file);
    expect(queuedBody.error).toMatch(/deleted.*Nothing more can be saved.*Restart Codex Pro Max.*still in your browser/);
    expectFault(...(await ts.call('POST', codex('/conclusion'), { content: 'Second.' })), 503, 'database_gone');
    expectFault(...(await ts.call('POST', codex('/wait'), { timeoutMs: 10 })), 503, 'database_gone');
    expectFault(...(await ts.call('PATCH', `/api/sessions/${sessionId}`, { title: 'Renamed' })), 503, 'database_gone');
    expectFault(...(await ts.call('POST', '/api/skills', { name: 'x', content: 'y' })), 503, 'database_gone');
    const up = await upload(ts, sessionId, 1000);
    expectFault(up.status, await up.json(), 503, 'database_gone');
    expect(readdirSync(ts.dataRoot)).not.toContain('attachments');

    // What was saved before stays readable, so the person can still copy it.
    const [listed, list] = await ts.call('GET', '/api/sessions');
    expect(listed).toBe(200);
    expect(list.sessions.map((s: { title: string }) => s.title)).toEqual(['Fault test']);

    const healthy = await fetch(`${ts.apiUrl}/api/healthy`);
    const healthyBody = await healthy.json();
    expectFault(healthy.status, healthyBody, 503, 'database_gone');
    // The public probe names no paths.
    expect(healthyBody.error).not.toContain(ts.dataRoot);
    const [, health] = await ts.call('GET', '/api/health');
    expect(health.storage).toMatchObject({ ok: false, code: 'database_gone' });
    expect(health.storage.error).toContain(file);

    const pushed = await pushes.seen('storage.failed');
    expect(pushed).toMatchObject({ code: 'database_gone' });
    expect(pushed.error).toContain(file);
    expect(pushes.frames.filter((f) => f.type === 'storage.failed')).toHaveLength(1);

    // Signing a browser in touches no database, so it keeps working and the person can read the banner.
    const [linked] = await ts.call('POST', '/api/auth/login-link');
    expect(linked).toBe(200);
  });

  it('stays refused when a new file appears at the path (the connection still writes to the old one)', async () => {
    const ts = await serve();
    await attach(ts);
    const file = dataFiles.database(ts.dataRoot);
    const spare = join(tempDir('cpm-spare-'), 'copy.sqlite3');
    copyFileSync(file, spare);

    renameSync(spare, file);

    const [status, body] = await ts.call('POST', codex('/conclusion'), { content: 'Lost?' });
    expectFault(status, body, 503, 'database_gone');
    expect(body.error).toMatch(/replaced by another file/);
  });

  it('notices between requests, so an open browser is told before anything is typed', async () => {
    const ts = await serve({ start: { storageCheckMs: 20 } });
    await attach(ts);
    const pushes = await listen(ts);
    rmSync(ts.dataRoot, { recursive: true, force: true });
    expect(await pushes.seen('storage.failed')).toMatchObject({ code: 'database_gone' });
  });
});

describe.runIf(canMakeReadOnly)('a read-only database (a read-only bind mount as root, chmod 0444 otherwise)', () => {
  for (const part of ['', '-wal']) {
    it(`refuses to start, naming the file, when codex-pro-max.sqlite3${part} cannot be written`, async () => {
      const dataRoot = tempDir('cpm-ro-');
      const first = await startTestServer({ dataRoot });
      await first.call('POST', codex(), { title: 'Written before' });
      await first.close();
      const target = `${dataFiles.database(dataRoot)}${part}`;
      // A clean close removes the -wal file; SQLite would otherwise create a fresh one.
      if (part) writeFileSync(target, '');
      cleanups.push(readOnly(target));

      await expect(startTestServer({ dataRoot, codexHome: tempDir('cpm-ro-home-') })).rejects.toThrow(
        `Codex Pro Max cannot write ${target}`,
      );
    });
  }
});

describe.runIf(canMakeReadOnly)('an attachments folder that cannot be written (same faults as above)', () => {
  it('answers an upload with 503 storage_not_writable naming the folder, and stores no row', async () => {
    const ts = await serve();
    const sessionId = await attach(ts);
    const dir = dataFiles.attachments(ts.dataRoot, sessionId);
    mkdirSync(dir, { recursive: true });
    cleanups.push(readOnly(dir));

    const up = await upload(ts, sessionId, 1000);
    const body = await up.json();
    expectFault(up.status, body, 503, 'storage_not_writable');
    expect(body.error).toContain(dir);
    const [, list] = await ts.call('GET', `/api/sessions/${sessionId}/attachments`);
    expect(list.attachments).toEqual([]);
  });
});

describe('SQLite refusing a write while the server runs', () => {
  // An open read-write connection keeps writing whatever happens to the file's permissions or mount afterwards (and
  // a remount read-only is refused while it is open), so SQLite's own switch produces SQLITE_READONLY here.
  it('SQLITE_READONLY (PRAGMA query_only) answers 503 database_read_only, not a 500', async () => {
    const ts = await serve();
    const sessionId = await attach(ts);
    ts.server.ctx.store.db.pragma('query_only = ON');

    const [status, body] = await ts.call('POST', `/api/sessions/${sessionId}/prompts`, { content: 'Next.' });
    expectFault(status, body, 503, 'database_read_only');
    expect(body.error).toMatch(/read-only.*writable/);
    const [concluded, concludedBody] = await ts.call('POST', codex('/conclusion'), { content: 'Cannot be saved.' });
    expectFault(concluded, concludedBody, 503, 'database_read_only');
  });
});

describe('a full disk', () => {
  it('SQLITE_FULL (PRAGMA max_page_count caps the file) answers 507 disk_full, and writes work again once there is room', async () => {
    const ts = await serve();
    const sessionId = await attach(ts);
    const { db } = ts.server.ctx.store;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);

    const [status, body] = await ts.call('POST', `/api/sessions/${sessionId}/prompts`, { content: 'x'.repeat(200_000) });
    expectFault(status, body, 507, 'disk_full');
    expect(body.error).toMatch(/full.*Free some space/);

    db.pragma('max_page_count = 1073741823');
    const [retried] = await ts.call('POST', `/api/sessions/${sessionId}/prompts`, { content: 'x'.repeat(200_000) });
    expect(retried).toBe(201);
  });

  it.runIf(canMount)(
    'a real full disk (a 4 MB tmpfs, filled): writes and uploads answer 507 disk_full and leave no partial file',
    async () => {
      const dataRoot = tempDir('cpm-full-');
      cleanups.push(smallDisk(dataRoot, 4 * 1024 * 1024));
      const ts = await serve({ dataRoot });
      const sessionId = await attach(ts);
      // The attachments folder exists before the disk fills, so the upload fails on the bytes, not on mkdir.
      mkdirSync(dataFiles.attachments(dataRoot, sessionId), { recursive: true });
      const filler = join(dataRoot, 'filler');
      fillDisk(filler);

      const [status, body] = await ts.call('POST', codex('/conclusion'), { content: 'y'.repeat(900_000) });
      expectFault(status, body, 507, 'disk_full');
      const up = await upload(ts, sessionId, 256 * 1024);
      expectFault(up.status, await up.json(), 507, 'disk_full');
      expect(readdirSync(dataFiles.attachments(dataRoot, sessionId))).toEqual([]);

      rmSync(filler);
      const [saved] = await ts.call('POST', codex('/conclusion'), { content: 'y'.repeat(900_000) });
      expect(saved).toBe(201);
      const again = await upload(ts, sessionId, 256 * 1024);
      expect(again.status).toBe(201);
    },
  );
});
