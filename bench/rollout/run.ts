// Rollout benchmark: full scan vs a plain "read lines + JSON.parse" loop, usage refresh after an append,
// latest-turn export, peak memory. Files are generated in a temp dir and deleted. `npm run bench:rollout [-- 20] [--reps 5]`.
// Timings are medians of interleaved runs after a warm-up, so a noisy shared machine hits every contender alike.
import { once } from 'node:events';
import { appendFileSync, createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { exportLatestTurn } from '../../src/codex/rollout/export.js';
import { READ_CHUNK } from '../../src/codex/rollout/lines.js';
import { liveFilter, scanRollout } from '../../src/codex/rollout/reader.js';
import { RolloutState } from '../../src/codex/rollout/state.js';
import { TurnTracker } from '../../src/codex/rollout/turn.js';
import { UsageTracker } from '../../src/codex/rollout/usage.js';
import { generateRollout, type RolloutFormat, turnLines } from './generate.js';

const MB = 1024 * 1024;
const peak = { rss: 0, heap: 0 };
function sample(): void {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heap = Math.max(peak.heap, m.heapUsed);
}
function resetPeak(): void {
  peak.rss = 0;
  peak.heap = 0;
  sample();
}
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;
const argv = process.argv.slice(2);
const repsAt = argv.indexOf('--reps');
const REPS = repsAt === -1 ? 5 : Math.max(1, Number(argv[repsAt + 1]) || 5);

async function plainLoop(path: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  let n = 0;
  // Same read size as the rollout reader, so only the per-line work differs.
  const input = createReadStream(path, { highWaterMark: READ_CHUNK });
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  rl.on('line', (line) => {
    if (line) JSON.parse(line);
    if (++n % 5000 === 0) sample();
  });
  await once(rl, 'close');
  return ms(t0);
}

/** Usage + turns + activity over the whole file, as the live service reads it (`live`) or as an export does. */
async function fullScan(path: string, live: boolean): Promise<number> {
  const t0 = process.hrtime.bigint();
  const turns = new TurnTracker();
  const usage = new UsageTracker();
  let n = 0;
  await scanRollout(
    path,
    (ev) => {
      usage.apply(ev);
      turns.apply(ev);
      if (++n % 5000 === 0) sample();
    },
    live ? { keep: liveFilter() } : {},
  );
  return ms(t0);
}

async function bench(format: RolloutFormat, sizeMb: number, dir: string): Promise<void> {
  const path = join(dir, `rollout-${format}-${sizeMb}mb.jsonl`);
  const turns = await generateRollout(path, format, sizeMb * MB);
  const size = statSync(path).size / MB;
  // Warm the page cache and the JIT for every contender, then interleave the measured runs.
  await plainLoop(path);
  await fullScan(path, true);
  await fullScan(path, false);
  const runs = { plain: [] as number[], scan: [] as number[], exportScan: [] as number[] };
  const plainPeak = { rss: 0, heap: 0 };
  const scanPeak = { rss: 0, heap: 0 };
  const keepPeak = (into: typeof peak) => {
    into.rss = Math.max(into.rss, peak.rss);
    into.heap = Math.max(into.heap, peak.heap);
  };
  for (let r = 0; r < REPS; r++) {
    resetPeak();
    runs.plain.push(await plainLoop(path));
    keepPeak(plainPeak);
    resetPeak();
    runs.scan.push(await fullScan(path, true));
    keepPeak(scanPeak);
    runs.exportScan.push(await fullScan(path, false));
  }
  const plain = median(runs.plain);
  const scan = median(runs.scan);
  const exportScan = median(runs.exportScan);
  // Per-run ratios pair each scan with the plain loop run just before it (same moment, same load).
  const paired = (xs: number[]) => median(xs.map((x, i) => (runs.plain[i] ?? Number.NaN) / x));

  resetPeak();
  let t0 = process.hrtime.bigint();
  const state = await RolloutState.open(path);
  const open = ms(t0);
  const refresh: number[] = [];
  for (let i = 1; i <= 20; i++) {
    appendFileSync(path, `${turnLines(format, turns + i, new Date().toISOString()).join('\n')}\n`);
    t0 = process.hrtime.bigint();
    const changes = await state.refresh();
    refresh.push(ms(t0));
    if (!changes.usage) throw new Error('usage did not change after an append');
  }
  refresh.sort((a, b) => a - b);
  t0 = process.hrtime.bigint();
  const md = await exportLatestTurn(path, { title: 'bench', threadId: null, rolloutPath: path, exportedAt: new Date().toISOString() });
  const exp = ms(t0);
  sample();

  const f = (n: number, d = 1) => n.toFixed(d);
  console.log(
    [
      `${format.padEnd(6)} ${f(size, 0).padStart(4)} MB, ${turns} turns`,
      `  full scan     ${f(size / (scan / 1000)).padStart(7)} MB/s (${f(scan, 0)} ms), peak RSS ${f(scanPeak.rss / MB, 0)} MB, heap ${f(scanPeak.heap / MB, 0)} MB`,
      `  plain loop    ${f(size / (plain / 1000)).padStart(7)} MB/s (${f(plain, 0)} ms), peak RSS ${f(plainPeak.rss / MB, 0)} MB, heap ${f(plainPeak.heap / MB, 0)} MB`,
      `  ratio         ${f(plain / scan, 2)}x (scan speed / plain speed; paired per-run median ${f(paired(runs.scan), 2)}x)`,
      `  export-grade scan (all twins parsed) ${f(size / (exportScan / 1000))} MB/s, ratio ${f(plain / exportScan, 2)}x (paired ${f(paired(runs.exportScan), 2)}x)`,
      `  open (latest turn + usage) ${f(open, 1)} ms; usage refresh after append: median ${f(refresh[10] ?? 0, 2)} ms, max ${f(refresh.at(-1) ?? 0, 2)} ms`,
      `  export latest turn ${f(exp, 1)} ms (${md.length} chars); peak RSS ${f(peak.rss / MB, 0)} MB, heap ${f(peak.heap / MB, 0)} MB`,
    ].join('\n'),
  );
  rmSync(path, { force: true });
}

const sizes = argv
  .filter((_a, i) => i !== repsAt && i !== repsAt + 1)
  .map(Number)
  .filter((n) => n > 0);
const dir = mkdtempSync(join(tmpdir(), 'cpm-bench-rollout-'));
try {
  console.log(`node ${process.version}, ${new Date().toISOString()}, median of ${REPS} interleaved runs`);
  for (const size of sizes.length > 0 ? sizes : [20, 200])
    for (const format of ['v0169', 'legacy'] as const) await bench(format, size, dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
