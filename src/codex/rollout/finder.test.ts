// Finding rollouts: date folders from the UUIDv7, archived sessions, Codex's thread index, a bounded scan
// that survives missing folders, and the cache.
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { RolloutFinder, uuidV7Time } from './finder.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-finder-'));
  dirs.push(dir);
  return dir;
}
function put(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, '{"type":"session_meta","payload":{}}\n');
  return file;
}
// 2026-11-21T19:58:53.338Z
const ID = '01a1ffb0-b59a-72f2-8388-10012d930c79';
const NAME = `rollout-2026-11-21T19-58-53-${ID}.jsonl`;

describe('RolloutFinder', () => {
  it('reads the creation time from a UUIDv7', () => {
    expect(uuidV7Time(ID)?.toISOString()).toBe('2026-11-21T19:58:53.338Z');
    expect(uuidV7Time('not-a-uuid')).toBeNull();
  });

  it('goes straight to the date folder, including a neighbouring day (timezone skew)', async () => {
    const h = home();
    const file = put(join(h, 'sessions', '2026', '11', '22'), NAME);
    const found = await new RolloutFinder(h).find(ID);
    expect(found).toMatchObject({ path: file, via: 'date', fileName: NAME, createdAtIso: '2026-11-21T19:58:53.338Z' });
  });

  it('finds archived sessions, flat or in date folders', async () => {
    const h = home();
    const flat = put(join(h, 'archived_sessions'), NAME);
    expect((await new RolloutFinder(h).find(ID))?.path).toBe(flat);
  });

  it('uses Codex thread index (read-only) for files outside the usual folders', async () => {
    const h = home();
    const elsewhere = put(join(h, 'moved'), 'whatever.jsonl');
    const db = new Database(join(h, 'state_5.sqlite'));
    db.exec('CREATE TABLE threads (id TEXT PRIMARY KEY, rollout_path TEXT)');
    db.prepare('INSERT INTO threads VALUES (?, ?)').run(ID, elsewhere);
    db.close();
    expect(await new RolloutFinder(h).find(ID)).toMatchObject({ path: elsewhere, via: 'index' });
  });

  it('falls back to a bounded scan that skips missing or broken folders, then caches', async () => {
    const h = home();
    mkdirSync(join(h, 'sessions', '2026', '11'), { recursive: true }); // the day folder itself is missing
    symlinkSync(join(h, 'nowhere'), join(h, 'sessions', '2026', 'broken'));
    const file = put(join(h, 'sessions', 'imported', 'old'), NAME.replace(ID, 'aaaaaaaa-0000-4000-8000-000000000000'));
    const target = put(join(h, 'sessions', 'imported', 'zzz'), `rollout-2020-01-01T00-00-00-plain-name.jsonl`);
    const finder = new RolloutFinder(h);
    expect((await finder.find('aaaaaaaa-0000-4000-8000-000000000000'))?.path).toBe(file);
    // Found by the same scan and cached: no second walk needed.
    expect(await finder.find('plain-name')).toMatchObject({ path: target, via: 'cache' });
    unlinkSync(target);
    expect(await finder.find('plain-name')).toBeNull();
  });

  it('returns null (not an error) when CODEX_HOME has no sessions at all', async () => {
    expect(await new RolloutFinder(join(home(), 'absent')).find(ID)).toBeNull();
  });

  it('looks again for a missing thread with no listing while its folders did not change, and finds it once one did', async () => {
    const h = home();
    const days = ['21', '22', '20'].map((d) => join(h, 'sessions', '2026', '11', d));
    for (const d of days) mkdirSync(d, { recursive: true });
    mkdirSync(join(h, 'archived_sessions'));
    const past = new Date(Date.now() - 60_000);
    for (const d of [...days, join(h, 'sessions'), join(h, 'archived_sessions')]) utimesSync(d, past, past);
    const finder = new RolloutFinder(h);
    expect(await finder.findMany([ID], { scan: false })).toEqual(new Map());
    const listed = finder.work.listed;
    expect(listed).toBeGreaterThan(0);
    expect(await finder.findMany([ID], { scan: false })).toEqual(new Map());
    expect(finder.work.listed).toBe(listed);
    const file = put(days[0]!, NAME);
    expect((await finder.findMany([ID], { scan: false })).get(ID)).toMatchObject({ path: file, via: 'date' });
  });

  it('lists a folder again when it was listed just after a change (a coarse clock may not move its mtime)', async () => {
    const h = home();
    const day = join(h, 'sessions', '2026', '11', '21');
    mkdirSync(day, { recursive: true });
    // A whole second (exactly restorable), a little ahead: the folder counts as changed just before it is listed.
    const tick = new Date(Math.ceil(Date.now() / 1_000) * 1_000 + 1_000);
    utimesSync(day, tick, tick);
    const finder = new RolloutFinder(h);
    expect(await finder.find(ID)).toBeNull();
    const file = put(day, NAME);
    utimesSync(day, tick, tick); // as if the file came within the same tick of the folder's clock
    expect(statSync(day).mtimeMs).toBe(tick.getTime());
    expect(await finder.find(ID)).toMatchObject({ path: file, via: 'date' });
  });

  it('asks Codex’s thread index again about a thread it did not know only once the index was written', async () => {
    const h = home();
    const indexFile = join(h, 'state_5.sqlite');
    const db = new Database(indexFile);
    db.exec('CREATE TABLE threads (id TEXT PRIMARY KEY, rollout_path TEXT)');
    const finder = new RolloutFinder(h);
    expect(await finder.findMany([ID], { scan: false })).toEqual(new Map());
    expect(await finder.findMany([ID], { scan: false })).toEqual(new Map());
    expect(finder.work.indexLookups).toBe(1);
    const elsewhere = put(join(h, 'moved'), 'whatever.jsonl');
    db.prepare('INSERT INTO threads VALUES (?, ?)').run(ID, elsewhere);
    db.close();
    expect((await finder.findMany([ID], { scan: false })).get(ID)).toMatchObject({ path: elsewhere, via: 'index' });
    expect(finder.work.indexLookups).toBe(2);
  });
});
