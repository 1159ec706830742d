// Statements are compiled once per connection: the repos run the same prepared statement on every call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { SessionId, ThreadId } from '../shared/ids.js';
import { statements } from './db.js';
import { Store } from './store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-stmt-'));
  dirs.push(dir);
  return Store.open(join(dir, 'db.sqlite3'), (id: SessionId) => `/attachments/${id}`);
}

it('returns the same compiled statement for the same text, shared by every user of the connection', () => {
  const store = openStore();
  const a = statements(store.db);
  const b = statements(store.db);
  expect(a('SELECT 1 AS one')).toBe(b('SELECT 1 AS one'));
  expect(a('SELECT 2 AS two')).not.toBe(a('SELECT 1 AS one'));
  store.close();
});

function runningSession(store: Store): SessionId {
  return store.sessions.create({ threadId: 't-1' as ThreadId, kind: 'attached', title: 't', titleSource: 'user', status: 'RUNNING' });
}

it('prepares nothing new when the same repo calls repeat', () => {
  const store = openStore();
  const sessionId = runningSession(store);
  const cycle = () => {
    const prompt = store.prompts.enqueue(sessionId, 'hello');
    store.prompts.setState(prompt.id, 'queued', 'handing');
    store.prompts.setState(prompt.id, 'handing', 'handed');
    store.timeline.append(sessionId, 'user', 'hello', prompt.id);
    store.prompts.deliverHanded(sessionId);
    store.prompts.pending(sessionId);
    store.attachments.list(sessionId);
    store.events.record(sessionId, 'x');
    store.sessions.summary(sessionId);
    store.sessions.list();
    store.sessions.setStatus(sessionId, 'RUNNING');
  };
  cycle();
  const prepare = store.db.prepare.bind(store.db);
  let compiled = 0;
  store.db.prepare = ((text: string) => {
    compiled++;
    return prepare(text);
  }) as typeof store.db.prepare;
  for (let i = 0; i < 20; i++) cycle();
  expect(compiled).toBe(0);
  store.close();
});

it('runs every transaction through one transaction function, and a nested one is still a savepoint', () => {
  const store = openStore();
  const sessionId = runningSession(store);
  const transaction = store.db.transaction.bind(store.db);
  let made = 0;
  store.db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    made++;
    return transaction(fn);
  }) as typeof store.db.transaction;
  for (let i = 0; i < 5; i++) store.tx(() => store.events.record(sessionId, 'x'));
  store.tx(() => {
    store.events.record(sessionId, 'outer');
    expect(() =>
      store.tx(() => {
        store.events.record(sessionId, 'inner');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
  });
  expect(made).toBe(0);
  expect(store.events.list(sessionId).map((e) => e.type)).toEqual(['x', 'x', 'x', 'x', 'x', 'outer']);
  store.close();
});
