// The folder-per-watch tree on Linux: it hears a write to a file in a day folder, a day folder made later and a file
// made in it at once, and takes one inotify watch per folder (Node's own recursive watch takes one per file too).
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Watcher, watchTree } from './watch-tree.js';

const root = mkdtempSync(join(tmpdir(), 'cpm-watch-tree-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** inotify watches this process holds on the given inodes (Linux; other test files may hold watches of their own). */
function inotifyWatchesOn(inodes: Set<number>): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fdinfo')) {
    try {
      for (const line of readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n')) {
        const ino = /^inotify wd:\S+ ino:([0-9a-f]+)/.exec(line)?.[1];
        if (ino && inodes.has(Number.parseInt(ino, 16))) n++;
      }
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

/** Inodes of every folder and file under `dir`, itself included. */
function inodesUnder(dir: string): { folders: Set<number>; files: Set<number> } {
  const folders = new Set([statSync(dir).ino]);
  const files = new Set<number>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const info = statSync(join(e.parentPath, e.name));
    (info.isDirectory() ? folders : files).add(info.ino);
  }
  return { folders, files };
}

function hearing(dir: string) {
  const heard: string[] = [];
  const waiters: { name: string; resolve: () => void }[] = [];
  const watcher: Watcher = watchTree(dir, (_event, name) => {
    if (name) heard.push(name);
    for (const w of waiters.splice(0))
      if (heard.includes(w.name)) w.resolve();
      else waiters.push(w);
  });
  const hears = (name: string) =>
    new Promise<void>((resolve, reject) => {
      if (heard.includes(name)) return resolve();
      const timer = setTimeout(() => reject(new Error(`never heard ${name}; heard ${heard.join(', ')}`)), 5_000);
      waiters.push({
        name,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  return { watcher, hears };
}

describe.runIf(process.platform === 'linux')('watchTree', () => {
  it('takes a watch per folder, not per file, and hears writes, new folders and the files in them', async () => {
    const sessions = join(root, 'sessions');
    for (const day of ['01', '02', '03']) {
      mkdirSync(join(sessions, '2026', '11', day), { recursive: true });
      for (let k = 0; k < 10; k++) writeFileSync(join(sessions, '2026', '11', day, `rollout-${k}.jsonl`), '{}\n');
    }
    const { folders, files } = inodesUnder(sessions);
    expect([folders.size, files.size]).toEqual([6, 30]); // sessions, 2026, 11 and three days
    const { watcher, hears } = hearing(sessions);
    try {
      expect(inotifyWatchesOn(folders)).toBe(6);
      expect(inotifyWatchesOn(files)).toBe(0);
      appendFileSync(join(sessions, '2026', '11', '02', 'rollout-3.jsonl'), '{}\n');
      await hears(join('2026', '11', '02', 'rollout-3.jsonl'));
      mkdirSync(join(sessions, '2026', '12', '01'), { recursive: true });
      writeFileSync(join(sessions, '2026', '12', '01', 'rollout-new.jsonl'), '{}\n');
      await hears(join('2026', '12', '01', 'rollout-new.jsonl'));
      appendFileSync(join(sessions, '2026', '12', '01', 'rollout-new.jsonl'), '{}\n');
      await hears(join('2026', '12', '01', 'rollout-new.jsonl'));
      // The kernel lets go of a deleted folder's watch in its own time: only the folders still there are counted below.
      folders.delete(statSync(join(sessions, '2026', '11', '03')).ino);
      rmSync(join(sessions, '2026', '11', '03'), { recursive: true });
      await hears(join('2026', '11', '03'));
    } finally {
      watcher.close();
    }
    // The last event was heard inside libuv's dispatch of the folder's watch, which lets go of a watch closed then
    // only once the dispatch is over.
    await new Promise((resolve) => setImmediate(resolve));
    expect(inotifyWatchesOn(folders)).toBe(0);
  });
});
