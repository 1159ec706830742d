// The data root is readable by its user alone: created 0700 / 0600, and an existing root that others could read is
// tightened at start with a note in the log. Real files, real modes, umask 022 (what most systems default to).
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataFiles } from '../../src/settings.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const THREAD = '019a0000-0000-7000-8000-0000000000a8';
const modeOf = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;

let umask: number;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-perm-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function serve(dataRoot: string, log: string[] = []): Promise<TestServer> {
  const ts = await startTestServer({ dataRoot, start: { log: (line) => log.push(line) } });
  cleanups.push(() => ts.close());
  return ts;
}

/** A session with one uploaded attachment; returns the attachment's path on disk. */
async function withAttachment(ts: TestServer): Promise<string> {
  const [, attached] = await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}`, {});
  const form = new FormData();
  form.append('file', new Blob(['secret notes']), 'notes.txt');
  const res = await ts.api(`/api/sessions/${attached.session.id}/attachments`, { method: 'POST', body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { attachment: { path: string } }).attachment.path;
}

function modes(root: string, attachment: string) {
  const db = dataFiles.database(root);
  const sessionDir = join(attachment, '..');
  return {
    root: modeOf(root),
    db: modeOf(db),
    wal: modeOf(`${db}-wal`),
    shm: modeOf(`${db}-shm`),
    token: modeOf(dataFiles.token(root)),
    serverJson: modeOf(dataFiles.serverInfo(root)),
    attachments: modeOf(join(root, 'attachments')),
    sessionDir: modeOf(sessionDir),
    attachment: modeOf(attachment),
  };
}

const PRIVATE = {
  root: '0700',
  db: '0600',
  wal: '0600',
  shm: '0600',
  token: '0600',
  serverJson: '0600',
  attachments: '0700',
  sessionDir: '0700',
  attachment: '0600',
};

describe.skipIf(process.platform === 'win32')('data root permissions', () => {
  it('creates a new root, its database files and attachment folders for its user alone', async () => {
    const root = join(tempDir(), 'data');
    const log: string[] = [];
    const ts = await serve(root, log);
    const attachment = await withAttachment(ts);
    expect(modes(root, attachment)).toEqual(PRIVATE);
    expect(log).toEqual([]);
  });

  it('tightens an existing root that others could read, says so in the log, and leaves symlinks alone', async () => {
    const root = join(tempDir(), 'data');
    const first = await startTestServer({ dataRoot: root });
    const attachment = await withAttachment(first);
    await first.close();
    // What an older version left behind: everything readable by the group and others.
    const db = dataFiles.database(root);
    writeFileSync(`${db}-wal`, '');
    writeFileSync(`${db}-shm`, '');
    writeFileSync(dataFiles.serverInfo(root), '{}');
    for (const path of [root, join(root, 'attachments'), join(attachment, '..')]) chmodSync(path, 0o755);
    for (const path of [db, `${db}-wal`, `${db}-shm`, dataFiles.token(root), dataFiles.serverInfo(root), attachment]) {
      chmodSync(path, 0o644);
    }
    const outside = join(tempDir(), 'shared.txt');
    writeFileSync(outside, 'not ours');
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(attachment, '..', 'link.txt'));

    const log: string[] = [];
    const ts = await serve(root, log);
    expect(modes(root, attachment)).toEqual(PRIVATE);
    expect(modeOf(outside)).toBe('0644');
    expect(log).toHaveLength(1);
    expect(log[0]).toContain('other users could read its data; now only you can');
    expect(log[0]).toContain(`${root}: 0755 -> 0700`);
    expect(log[0]).toContain(`${dataFiles.token(root)}: 0644 -> 0600`);
    expect(log[0]).toContain(`${attachment}: 0644 -> 0600`);
    expect(readdirSync(join(attachment, '..'))).toContain('link.txt');

    // Nothing left to tighten: the next start says nothing.
    await ts.close();
    const quiet: string[] = [];
    await serve(root, quiet);
    expect(quiet).toEqual([]);
  });
});
