// Idle cost of watching live threads: the terminal client starts N threads (50 unless told) with one turn each, and
// once all are idle sessions on our server, this process's CPU (process.cpuUsage) over two quiet windows (right after
// and a minute after) is printed as a share of one core, with its RSS. The server runs in this process, next to the fake model and the terminal client,
// which are idle too. Goal: near nothing; nothing here fails a build.
import { startLiveBench } from './harness.js';

const THREADS = Number(process.argv[2] ?? 50);
const SECONDS = Number(process.argv[3] ?? 10);
const BATCH = 10;
const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

const bench = await startLiveBench();
try {
  const started = performance.now();
  for (let i = 0; i < THREADS; i += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, THREADS - i) }, () => bench.newThread()));
  }
  const { live } = bench.rig.server.ctx;
  const setUp = (performance.now() - started) / 1_000;
  // What settles after the last turn (rollout paths read, subscriptions let go) is not idle time.
  await quiet(3_000);
  const window = async () => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await quiet(SECONDS * 1_000);
    const { user, system } = process.cpuUsage(cpu0);
    return { user, system, wall: (performance.now() - t0) / 1_000 };
  };
  const first = await window();
  // The rig's own start-up heaps (the browser driver's bundle among them) are collected once, some time in the first
  // minute: a second window after it shows what watching costs as the server idles for hours.
  await quiet(Math.max(0, 60 - 3 - SECONDS) * 1_000);
  const steady = await window();
  const { rss, heapUsed } = process.memoryUsage();
  const subscribed = live.client.watchedThreads().filter((id) => live.client.watchState(id) === 'subscribed').length;
  console.log(`idle with ${THREADS} live threads (set up in ${setUp.toFixed(1)} s; Node ${process.versions.node})`);
  const statuses = new Map<string, number>();
  for (const s of bench.rig.server.ctx.store.sessions.list()) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  // Private, read for the figure only: how many rollout files the server follows (each polled every second).
  const followed = (bench.rig.server.ctx.rollout as unknown as { watches: Map<string, unknown> }).watches.size;
  console.log(`  daemon: ${live.daemon().watchedThreads} threads known, ${subscribed} subscribed by our server`);
  console.log(`  sessions by status: ${[...statuses].map(([k, v]) => `${k} ${v}`).join(', ')}; rollouts followed: ${followed}`);
  for (const [label, { user, system, wall }] of [
    [`${3}–${3 + SECONDS} s after the last turn`, first],
    ['60 s after it (steady)', steady],
  ] as const) {
    const cpu = (user + system) / 1e6;
    console.log(
      `  ${label}: CPU ${(cpu * 1_000).toFixed(0)} ms (user ${(user / 1_000).toFixed(0)}, system ${(system / 1_000).toFixed(0)}) over ${wall.toFixed(1)} s = ${((cpu / wall) * 100).toFixed(2)} % of a core`,
    );
  }
  console.log(`  RSS ${(rss / 2 ** 20).toFixed(0)} MB, heap used ${(heapUsed / 2 ** 20).toFixed(0)} MB`);
} finally {
  await bench.close();
}
