// The sweep for rollouts not written yet: one pass for every thread due, a doubling backoff up to its bound, a
// nudge that resets it, a rollout that appears later found by the first sweep after it appeared, and one announced
// (by the History index) looked for at once. Real files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { until } from '../../../test/helpers/until.js';
import { type FoundRollout, RolloutFinder } from './finder.js';
import { MissingRollouts } from './missing.js';

const dirs: string[] = [];
const sweepers: MissingRollouts[] = [];
afterEach(() => {
  for (const s of sweepers.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A CODEX_HOME and a finder over it that records each pass it is asked for. */
function setUp() {
  const home = mkdtempSync(join(tmpdir(), 'cpm-missing-'));
  dirs.push(home);
  const finder = new RolloutFinder(home);
  const passes: string[][] = [];
  const findMany = finder.findMany.bind(finder);
  finder.findMany = (ids, options) => {
    passes.push([...ids]);
    return findMany(ids, options);
  };
  return { home, finder, passes };
}

// UUIDv7 ids born 2026-11-21 (UTC), so their date folder is sessions/2026/11/21.
const idOf = (n: number) => `01a1ffb0-b59a-72f2-8388-${String(n).padStart(12, '0')}`;
function write(home: string, id: string): string {
  const dir = join(home, 'sessions', '2026', '11', '21');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `rollout-2026-11-21T19-58-53-${id}.jsonl`);
  writeFileSync(file, '{"type":"session_meta","payload":{}}\n');
  return file;
}

it('looks for every thread added together in one pass, and keeps the ones still missing with a doubling backoff', async () => {
  const { home, finder, passes } = setUp();
  const found: [string, FoundRollout][] = [];
  const sweeper = new MissingRollouts(finder, (key, hit) => found.push([key, hit]), { firstDelayMs: 20, maxDelayMs: 80, minGapMs: 5 });
  sweepers.push(sweeper);
  const present = write(home, idOf(1));
  for (let i = 1; i <= 50; i++) sweeper.add(`s${i}`, idOf(i));
  await until('the first sweep', () => found.length === 1, 5_000);
  expect(passes[0]).toHaveLength(50);
  expect(found).toEqual([['s1', expect.objectContaining({ path: present })]]);
  expect(sweeper.size).toBe(49);

  // The 49 stay due together, so each later sweep is one pass for all of them; the gaps grow 20, 40, 80, 80 ms.
  const times: number[] = [];
  const record = finder.findMany.bind(finder);
  finder.findMany = (ids, options) => {
    times.push(performance.now());
    return record(ids, options);
  };
  await until('five more sweeps', () => times.length >= 5, 10_000);
  expect(passes.slice(1).every((p) => p.length === 49)).toBe(true);
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
  expect(gaps[0]).toBeGreaterThanOrEqual(35); // 40 ms, less timer rounding
  expect(gaps[2]).toBeGreaterThanOrEqual(75); // capped at 80 ms from here on
});

it('finds a rollout that appears later at the first sweep after it appeared, within the backoff bound', async () => {
  const { home, finder, passes } = setUp();
  let foundAt: number | null = null;
  const sweeper = new MissingRollouts(
    finder,
    () => {
      foundAt = performance.now();
    },
    { firstDelayMs: 25, maxDelayMs: 200, minGapMs: 5 },
  );
  sweepers.push(sweeper);
  sweeper.add('late', idOf(7));
  await until('the backoff to reach its bound', () => passes.length >= 5, 10_000); // 0, 25, 50, 100, 200 ms
  const passesBefore = passes.length;
  write(home, idOf(7));
  const writtenAt = performance.now();
  const at = await until('the late rollout to be found', () => foundAt, 10_000);
  expect(passes.length).toBeLessThanOrEqual(passesBefore + 1);
  // 200 ms at most, plus what a busy machine adds to a timer.
  expect(at - writtenAt).toBeLessThan(200 + 1_000);
  expect(sweeper.has('late')).toBe(false);
});

it('a nudge brings the next look forward; a removed thread is not looked for again', async () => {
  const { finder, passes } = setUp();
  const sweeper = new MissingRollouts(finder, () => undefined, { firstDelayMs: 10, maxDelayMs: 60_000, minGapMs: 1 });
  sweepers.push(sweeper);
  sweeper.add('quiet', idOf(8));
  sweeper.add('gone', idOf(9));
  // 0, 10, 20, 40, 80, 160 ms, … : by the sixth pass the next one is at least 320 ms away.
  await until('six passes', () => passes.length >= 6, 10_000);
  sweeper.remove('gone');
  const before = passes.length;
  sweeper.nudge('quiet');
  await until('the nudged look', () => passes.length > before, 300);
  expect(passes.at(-1)).toEqual([idOf(8)]);
});

it('looks at once for a thread whose rollout was announced, however far its backoff; the others keep theirs', async () => {
  const { home, finder, passes } = setUp();
  const found: string[] = [];
  const sweeper = new MissingRollouts(finder, (key) => found.push(key), { firstDelayMs: 10, maxDelayMs: 60_000, minGapMs: 1 });
  sweepers.push(sweeper);
  sweeper.add('announced', idOf(10));
  sweeper.add('silent', idOf(11));
  // 0, 10, 20, 40, 80, 160, 320, 640, 1,280 ms: the next look is 2.5 s away.
  await until('nine passes', () => passes.length >= 9, 10_000);
  const before = passes.length;
  write(home, idOf(10));
  sweeper.lookFor([idOf(10), idOf(99)]);
  await until('the announced rollout', () => found.length > 0, 2_000);
  expect(found).toEqual(['announced']);
  expect(passes.slice(before)).toEqual([[idOf(10)]]);
  expect(sweeper.has('silent')).toBe(true);
});
