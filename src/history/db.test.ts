import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-store.js';
import { openHistoryDb } from './db.js';

it('keeps at most 4 MB of pages per connection (not the 16 MB better-sqlite3 builds SQLite with)', () => {
  const db = openHistoryDb(join(tempDir('history-db'), 'history.sqlite3'));
  expect(db.pragma('cache_size', { simple: true })).toBe(-4_000);
  db.close();
});
