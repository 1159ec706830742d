// Rollout benchmark: full scan vs a plain "read lines + JSON.parse" loop, usage refresh after an append,
// latest-turn export, peak memory. Files are generated in a temp dir and deleted. `npm run bench:rollout [-- 20]`.
import { once } from 'node:events';
import { appendFileSync, createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { exportLatestTurn } from '../../src/codex/rollout/export.js';
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

async function plainLoop(path: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  let n = 0;
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
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
  // Warm the page cache so both loops read from memory.
  await plainLoop(path);

  resetPeak();
  const plain = await plainLoop(path);
  const plainPeak = { ...peak };
  await fullScan(path, true); // JIT warm-up, as the plain loop got
  resetPeak();
  const scan = await fullScan(path, true);
  const scanPeak = { ...peak };
  const exportScan = await fullScan(path, false);

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
      `  ratio         ${f(plain / scan, 2)}x (scan speed / plain speed)`,
      `  export-grade scan (all twins parsed) ${f(size / (exportScan / 1000))} MB/s, ratio ${f(plain / exportScan, 2)}x`,
      `  open (latest turn + usage) ${f(open, 1)} ms; usage refresh after append: median ${f(refresh[10] ?? 0, 2)} ms, max ${f(refresh.at(-1) ?? 0, 2)} ms`,
      `  export latest turn ${f(exp, 1)} ms (${md.length} chars); peak RSS ${f(peak.rss / MB, 0)} MB, heap ${f(peak.heap / MB, 0)} MB`,
    ].join('\n'),
  );
  rmSync(path, { force: true });
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const dir = mkdtempSync(join(tmpdir(), 'cpm-bench-rollout-'));
try {
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  for (const size of sizes.length > 0 ? sizes : [20, 200])
    for (const format of ['v0169', 'legacy'] as const) await bench(format, size, dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
