// Loaded into the server by the queue bench (`--import` through NODE_OPTIONS): how long its event loop was held up,
// so a latency tail can be told apart from work that blocks the loop. Plain JavaScript: it runs before tsx is loaded.
// Each SIGUSR2 writes the delay seen since the last one to $BENCH_LOOP_DELAY_FILE (p50/p99/max in ms) and starts over.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_LOOP_DELAY_FILE;
if (isMainThread && file) {
  const resolution = 10;
  const delay = monitorEventLoopDelay({ resolution });
  delay.enable();
  process.on('SIGUSR2', () => {
    // The histogram holds the whole interval between samples, so the sampling period itself is taken off.
    const ms = (ns) => Number(Math.max(0, ns / 1e6 - resolution).toFixed(1));
    const figures = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
    writeFileSync(file, JSON.stringify(figures));
    delay.reset();
  });
}
