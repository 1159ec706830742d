// Idle cost: 1,000 sessions, 200 of them RUNNING on threads whose rollout was never written, and a CODEX_HOME holding a
// year of other rollouts (365 day folders). Prints the server's CPU over two quiet windows as a share of one core: the
// first right after start-up (5 s in), which still holds V8's one-time collections of the start-up heaps, and a second
// one 60 s in, the server as it idles for hours. Goal ≤ 1 %. Nothing here fails a build.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { ThreadId } from '../../src/shared/ids.js';
import { startBench } from './harness.js';

const SECONDS = Number(process.argv[2] ?? 30);
const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A UUIDv7 born at `ms`, as Codex gives threads. */
const v7 = (ms: number, n: number) => {
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-${pad(n, 12)}`;
};

const bench = await startBench((store, codexHome) => {
  const now = Date.now();
  // A year of Codex's own rollouts, 6 a day, none of them ours.
  for (let day = 0; day < 365; day++) {
    const at = new Date(now - day * DAY_MS);
    const dir = join(codexHome, 'sessions', String(at.getUTCFullYear()), pad(at.getUTCMonth() + 1), pad(at.getUTCDate()));
    mkdirSync(dir, { recursive: true });
    for (let k = 0; k < 6; k++) {
      const file = join(dir, `rollout-x-${v7(at.getTime(), 900_000 + day * 10 + k)}.jsonl`);
      writeFileSync(file, '{}\n');
      utimesSync(file, at, at); // last written on its day, as a year of real rollouts are
    }
  }
  store.tx(() => {
    for (let n = 0; n < 1_000; n++) {
      const running = n < 200;
      store.sessions.create({
        threadId: v7(now - (n % 30) * DAY_MS, n) as ThreadId,
        kind: 'attached',
        title: `session ${n}`,
        titleSource: 'user',
        status: running ? 'RUNNING' : 'STOPPED',
      });
    }
  });
});

/** CPU over the next `SECONDS`, by thread, printed under `label`. */
async function measure(label: string): Promise<void> {
  const cpu0 = bench.cpuSeconds();
  const threads0 = bench.threadSeconds();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1_000));
  const cpu = bench.cpuSeconds() - cpu0;
  const wall = (performance.now() - t0) / 1_000;
  const byThread = [...bench.threadSeconds()]
    .map(([name, s]) => [name, s - (threads0.get(name) ?? 0)] as const)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, s]) => `${name} ${(s * 1_000).toFixed(0)} ms`);
  console.log(`  ${label}: CPU ${(cpu * 1_000).toFixed(0)} ms over ${wall.toFixed(1)} s = ${((cpu / wall) * 100).toFixed(2)} % of a core`);
  console.log(`    by thread: ${byThread.join(', ') || 'none measurable'}; RSS ${bench.rss().nowMb.toFixed(0)} MB`);
}

try {
  console.log(`idle server, 1,000 sessions, 200 RUNNING without a rollout, 2,190 other rollouts (Node ${process.versions.node})`);
  // Start-up work (the first sweep, the first full walk) is not idle time.
  await new Promise((r) => setTimeout(r, 5_000));
  await measure(`5–${5 + SECONDS} s after start`);
  await new Promise((r) => setTimeout(r, Math.max(0, 60 - 5 - SECONDS) * 1_000));
  await measure(`60–${60 + SECONDS} s after start (steady)`);
  console.log(
    `  load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} (a loaded machine inflates CPU time a little)`,
  );
} finally {
  await bench.close();
}
