// The file events that wake the History worker, on the real file system: a rollout folder made after the watch
// started is heard (and so is a day folder made inside it later), a missing home is heard when it appears, and where
// recursive watches are missing `ensure` says so, so the worker keeps its quick timer.
import { mkdirSync, mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RolloutWatch, type WatchFn } from './watch.js';

const root = mkdtempSync(join(tmpdir(), 'cpm-history-watch-unit-'));
let watcher: RolloutWatch | null = null;
afterEach(() => watcher?.close());
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A watch whose events resolve `heard(match)` promises, failing after a deadline. */
function watching(watchFn?: WatchFn) {
  const waiting: { match: (p: string | null) => boolean; resolve: () => void }[] = [];
  watcher = new RolloutWatch((path) => {
    for (const w of [...waiting]) {
      if (w.match(path)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  }, watchFn);
  const heard = (what: string, match: (p: string | null) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no file event for ${what}`)), 5_000);
      waiting.push({
        match,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  return { watch: watcher, heard };
}

describe('RolloutWatch', () => {
  it('hears a sessions folder made later, and a rollout in a day folder made inside it after that', async () => {
    const home = join(root, 'late-sessions');
    mkdirSync(home);
    const { watch: w, heard } = watching();
    expect(w.ensure([home], false)).toBe(true);
    const made = heard('the sessions folder', (p) => p === null);
    mkdirSync(join(home, 'sessions'));
    await made;
    expect(w.ensure([home], false)).toBe(true);
    const file = join(home, 'sessions', '2026', '12', '01', 'rollout-2026-12-01T00-00-00-x.jsonl');
    const written = heard('the rollout', (p) => p === file);
    mkdirSync(join(home, 'sessions', '2026', '12', '01'), { recursive: true });
    writeFileSync(file, '{}\n');
    await written;
  });

  it('hears a missing home appear (from the folder above it)', async () => {
    const home = join(root, 'not-yet', 'codex');
    mkdirSync(join(root, 'not-yet'));
    const { watch: w, heard } = watching();
    expect(w.ensure([home], false)).toBe(true);
    const made = heard('the home', (p) => p === null);
    mkdirSync(home);
    await made;
  });

  it('says the homes are not covered where recursive watches fail, and tries again only when told to', () => {
    const home = join(root, 'no-recursive');
    mkdirSync(join(home, 'sessions'), { recursive: true });
    let recursiveTries = 0;
    const noRecursive: WatchFn = (dir, options, listener) => {
      if (options.recursive) {
        recursiveTries++;
        throw Object.assign(new Error('recursive watch is not available here'), { code: 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM' });
      }
      return watch(dir, { persistent: false }, listener);
    };
    const { watch: w } = watching(noRecursive);
    expect(w.ensure([home], true)).toBe(false);
    expect(w.ensure([home], false)).toBe(false);
    expect(recursiveTries).toBe(1);
    expect(w.ensure([home], true)).toBe(false);
    expect(recursiveTries).toBe(2);
  });
});
