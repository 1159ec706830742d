// A Store on a real SQLite file in a fresh temporary folder, removed after the test that opened it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { SessionId } from '../../src/shared/ids.js';
import { Store } from '../../src/store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A new empty folder, removed after the test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cpm-${prefix}-`));
  dirs.push(dir);
  return dir;
}

/** Opens a store in a new folder (`file` is its database); the test closes it, the folder goes after the test. */
export function tempStore(prefix: string): { store: Store; dir: string; file: string } {
  const dir = tempDir(prefix);
  const file = join(dir, 'db.sqlite3');
  return { store: Store.open(file, (id: SessionId) => join(dir, id)), dir, file };
}
