import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Delivery } from '../delivery/delivery.js';
import type { SessionId, ThreadId } from '../shared/ids.js';
import { MIGRATIONS } from './migrations.js';
import { Store } from './store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-store-'));
  dirs.push(dir);
  return join(dir, 'db', 'codex-pro-max.sqlite3');
}

const open = (file: string) => Store.open(file, (id: SessionId) => `/attachments/${id}`);

describe('Store', () => {
  it('creates the file in WAL mode with every migration applied', () => {
    const file = tempFile();
    const store = open(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('holds at most 4 MB of pages in its cache (not the 16 MB better-sqlite3 builds SQLite with)', () => {
    const store = open(tempFile());
    expect(store.db.pragma('cache_size', { simple: true })).toBe(-4_000);
    store.close();
  });

  it('keeps data across reopen and does not re-run migrations', () => {
    const file = tempFile();
    const store = open(file);
    const id = store.sessions.create({
      threadId: 't-1' as ThreadId,
      kind: 'attached',
      title: 'kept',
      titleSource: 'user',
      status: 'RUNNING',
    });
    store.close();
    const again = open(file);
    expect(again.sessions.summary(id)?.title).toBe('kept');
    again.close();
  });

  it('refuses a database written by a newer version', () => {
    const file = tempFile();
    open(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => open(file)).toThrow(/newer Codex Pro Max/);
  });

  it('carries queued prompts, their timeline links and their events over from a database that still said "instruction"', () => {
    const file = tempFile();
    mkdirSync(dirname(file), { recursive: true });
    const raw = new Database(file);
    for (const sql of MIGRATIONS.slice(0, 3)) raw.exec(sql);
    raw.pragma('user_version = 3');
    const at = '2026-01-01T00:00:00.000Z';
    raw
      .prepare(
        `INSERT INTO sessions (id, title, status, created_at, updated_at, last_activity_at) VALUES ('s1', 'old', 'RUNNING', ?, ?, ?)`,
      )
      .run(at, at, at);
    raw
      .prepare(
        `INSERT INTO instructions (id, session_id, content, state, position, created_at, updated_at) VALUES ('i1', 's1', 'queued before the upgrade', 'queued', 1, ?, ?)`,
      )
      .run(at, at);
    raw
      .prepare(
        `INSERT INTO timeline (id, session_id, role, content, instruction_id, created_at) VALUES ('e1', 's1', 'user', 'handed', 'i0', ?)`,
      )
      .run(at);
    raw
      .prepare(
        `INSERT INTO session_events (session_id, type, payload_json, created_at) VALUES ('s1', 'instruction.queued', '{"instructionId":"i1"}', ?)`,
      )
      .run(at);
    raw.close();

    const store = open(file);
    expect(store.prompts.pending('s1' as SessionId).map((p) => p.content)).toEqual(['queued before the upgrade']);
    expect(store.timeline.list('s1' as SessionId).map((e) => e.promptId)).toEqual(['i0']);
    expect(store.db.prepare('SELECT type, payload_json AS payload FROM session_events').all()).toEqual([
      { type: 'prompt.queued', payload: '{"promptId":"i1"}' },
    ]);
    store.close();
  });

  it('cascades a session delete to its timeline, queue and attachments', () => {
    const store = open(tempFile());
    const id = store.sessions.create({ threadId: null, kind: 'attached', title: 'x', titleSource: 'default', status: 'RUNNING' });
    store.timeline.append(id, 'codex', 'hello');
    store.prompts.enqueue(id, 'next');
    store.sessions.delete(id);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM timeline').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM prompts').get()).toEqual({ n: 0 });
    store.close();
  });

  it('puts a prompt caught mid-handoff by a crash back in the queue on restart', () => {
    const file = tempFile();
    const store = open(file);
    const id = store.sessions.create({
      threadId: 't-2' as ThreadId,
      kind: 'attached',
      title: 'x',
      titleSource: 'default',
      status: 'RUNNING',
    });
    const prompt = store.prompts.enqueue(id, 'do not lose me');
    store.prompts.setState(prompt.id, 'queued', 'handing');
    store.close();
    const reopened = open(file);
    new Delivery(reopened);
    expect(reopened.prompts.get(prompt.id)?.state).toBe('queued');
    reopened.close();
  });
});
