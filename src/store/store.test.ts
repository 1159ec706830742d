import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('cascades a session delete to its timeline, queue and attachments', () => {
    const store = open(tempFile());
    const id = store.sessions.create({ threadId: null, kind: 'attached', title: 'x', titleSource: 'default', status: 'RUNNING' });
    store.timeline.append(id, 'codex', 'hello');
    store.instructions.enqueue(id, 'next');
    store.sessions.delete(id);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM timeline').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM instructions').get()).toEqual({ n: 0 });
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
    const instruction = store.instructions.enqueue(id, 'do not lose me');
    store.instructions.setState(instruction.id, 'queued', 'handing');
    store.close();
    const reopened = open(file);
    new Delivery(reopened);
    expect(reopened.instructions.get(instruction.id)?.state).toBe('queued');
    reopened.close();
  });
});
