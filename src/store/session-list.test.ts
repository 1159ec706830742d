// Session summaries: the preview of the latest conclusion is cut in SQL and the counts come from the indexes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { SessionId, ThreadId } from '../shared/ids.js';
import { Store } from './store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('shows the first 400 characters of the latest conclusion, the queued count and the attachment count', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-list-'));
  dirs.push(dir);
  const store = Store.open(join(dir, 'db.sqlite3'), (id: SessionId) => `/attachments/${id}`);
  const create = (n: number) =>
    store.sessions.create({ threadId: `t-${n}` as ThreadId, kind: 'attached', title: `s${n}`, titleSource: 'user', status: 'RUNNING' });
  const busy = create(1);
  const quiet = create(2);
  store.timeline.append(busy, 'codex', 'an older conclusion');
  store.timeline.append(busy, 'codex', `é${'z'.repeat(1_000_000)}`);
  store.timeline.append(busy, 'user', 'a prompt after it does not count');
  store.timeline.append(quiet, 'user', 'no conclusion yet');
  for (let i = 0; i < 3; i++) store.prompts.enqueue(busy, `p${i}`);
  const handed = store.prompts.enqueue(busy, 'handed');
  store.prompts.setState(handed.id, 'queued', 'handing');
  store.attachments.insert({ id: 'a1' as never, sessionId: busy, name: 'n.txt', storedName: 'x', mimeType: 'text/plain', sizeBytes: 1 });

  const summaries = Object.fromEntries(store.sessions.list().map((s) => [s.id, s]));
  expect(summaries[busy]?.latestConclusion).toBe(`é${'z'.repeat(399)}`);
  expect(summaries[busy]).toMatchObject({ queuedCount: 3, attachmentCount: 1 });
  expect(summaries[quiet]).toMatchObject({ latestConclusion: null, queuedCount: 0, attachmentCount: 0 });
  expect(store.sessions.summary(busy)).toEqual(summaries[busy]);
  store.close();
});

it('reads each page of the list, newest first, straight off the recency index, with no sort of its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-list-'));
  dirs.push(dir);
  const store = Store.open(join(dir, 'db.sqlite3'), (id: SessionId) => `/attachments/${id}`);
  const sources: string[] = [];
  const prepare = store.db.prepare.bind(store.db);
  store.db.prepare = ((source: string) => {
    sources.push(source);
    return prepare(source);
  }) as typeof store.db.prepare;
  for (let n = 0; n < 5; n++) {
    store.sessions.create({ threadId: `t-${n}` as ThreadId, kind: 'attached', title: `s${n}`, titleSource: 'user', status: 'RUNNING' });
  }
  const first = store.sessions.page(2);
  const second = store.sessions.page(2, first.next ?? undefined);
  expect([...first.sessions, ...second.sessions].map((s) => s.id)).toEqual(
    store.sessions
      .list()
      .map((s) => s.id)
      .slice(0, 4),
  );
  const pageSql = sources.filter((s) => s.includes('ORDER BY s.last_activity_at DESC'));
  expect(pageSql.length).toBeGreaterThanOrEqual(2);
  for (const sql of pageSql) {
    const params = sql.includes('< (?, ?, ?)') ? ['9', '9', '9', 3] : sql.includes('LIMIT ?') ? [3] : [];
    const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    expect(plan[0]).toMatch(/^(SCAN|SEARCH) s USING INDEX sessions_recency/);
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
  }
  store.close();
});
