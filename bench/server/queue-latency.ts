// Prompt queued → the waiting agent has it, with 200 agents busy concluding and waiting, against the real server in
// its own process; and the server's CPU per API call over the run. Then, in-process, what queueing one prompt costs
// after 0 and 40,000 prompts were ever queued. Goals: p99 ≤ 20 ms, ≤ 0.5 ms CPU a call, queueing flat.
// Nothing here fails a build.
// Usage: node --import tsx bench/server/queue-latency.ts [agents=200] [prompts=1000] [everyMs=4]; a shorter everyMs is
// more load, where calls share the server's wake-ups (on a virtual machine whose idle CPUs sleep, each wake-up costs CPU).
// The server is built as `npm start` builds it (BENCH_FROM_SOURCE=1: the source under tsx).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SessionId, ThreadId } from '../../src/shared/ids.js';
import { Store } from '../../src/store/store.js';
import { ms, quantile, startBench } from './harness.js';

const AGENTS = Number(process.argv[2] ?? 200);
const PROMPTS = Number(process.argv[3] ?? 1_000);
const EVERY_MS = Number(process.argv[4] ?? 4); // one prompt queued this often, to an agent parked in its wait

interface Agent {
  thread: string;
  sessionId: string;
  /** When its current wait was sent; null while it is concluding. */
  waitingSince: number | null;
  /** Queued to it and not received yet. */
  expecting: boolean;
}

// The server's own event-loop delay over the measured run (loop-delay.mjs, loaded into it), and this process's: a
// hand-over is late when either loop is held up.
const delayDir = mkdtempSync(join(tmpdir(), 'cpm-bench-delay-'));
const delayFile = join(delayDir, 'delay.json');
process.env.BENCH_LOOP_DELAY_FILE = delayFile;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${JSON.stringify(join(import.meta.dirname, 'loop-delay.mjs'))}`;
const bench = await startBench(() => undefined);
/** The server's loop delay since the last call (the first call only starts the count). */
async function serverLoopDelay(): Promise<{ p50: number; p99: number; max: number }> {
  rmSync(delayFile, { force: true });
  bench.server.child.kill('SIGUSR2');
  const deadline = performance.now() + 5_000;
  while (!existsSync(delayFile) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return JSON.parse(readFileSync(delayFile, 'utf8'));
}
const ownDelay = monitorEventLoopDelay({ resolution: 10 });
let calls = 0;
const post = async (path: string, json: unknown) => {
  calls++;
  // On a loaded machine a kept-alive socket can be closed by the server just as a request goes out on it: that
  // request never arrived, so it is sent once more (a conclusion carries a requestId, so it is stored once anyway).
  const res = await bench.api(path, { method: 'POST', json }).catch((error: { cause?: { code?: string } }) => {
    if (error.cause?.code !== 'UND_ERR_SOCKET') throw error;
    calls++;
    return bench.api(path, { method: 'POST', json });
  });
  const body = (await res.json()) as Record<string, any>;
  if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
};

const latencies: number[] = [];
/** Prompt text → when its POST went out (the agent may have it before that POST is answered). */
const sentAt = new Map<string, number>();
let running = true;
async function agentLoop(agent: Agent): Promise<void> {
  let acknowledge: string | undefined;
  while (running) {
    agent.waitingSince = performance.now();
    const answer = await post(`/api/codex/sessions/by-thread/${agent.thread}/wait`, { timeoutMs: 5_000, acknowledge });
    agent.waitingSince = null;
    if (answer.status !== 'instruction') continue;
    const id = answer.instruction.id as string;
    const queuedAt = sentAt.get(answer.instruction.text);
    if (queuedAt !== undefined) latencies.push(performance.now() - queuedAt);
    sentAt.delete(answer.instruction.text);
    agent.expecting = false;
    acknowledge = id;
    // Busy: the agent hands back its conclusion before it waits again.
    await post(`/api/codex/sessions/by-thread/${agent.thread}/conclusion`, {
      content: `done with ${id}\n\n${'work '.repeat(60)}`,
      requestId: `conclusion-${id}`,
    });
  }
}

/** Queues PROMPTS prompts to parked agents, one every EVERY_MS, and prints what the hand-overs took and cost. */
async function phase(label: string): Promise<void> {
  latencies.length = 0;
  await serverLoopDelay();
  ownDelay.reset();
  ownDelay.enable();
  const cpu0 = bench.cpuSeconds();
  const split0 = bench.cpuSplit();
  const threads0 = bench.threadSeconds();
  const calls0 = calls;
  const t0 = performance.now();
  let queued = 0;
  const stopAt = performance.now() + 90_000;
  while (queued < PROMPTS && performance.now() < stopAt) {
    // Only agents parked in a wait for a moment: the latency measured is the hand-over, not the agent's own work.
    const now = performance.now();
    const parked = agents.filter((a) => a.waitingSince !== null && now - a.waitingSince > 5 && !a.expecting);
    const agent = parked[Math.floor(Math.random() * parked.length)];
    if (agent) {
      agent.expecting = true;
      const text = `prompt ${label} ${queued}`;
      sentAt.set(text, performance.now());
      void post(`/api/sessions/${agent.sessionId}/prompts`, { content: text });
      queued++;
    }
    await new Promise((r) => setTimeout(r, EVERY_MS));
  }
  const deadline = performance.now() + 10_000;
  while (latencies.length < queued && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const wall = (performance.now() - t0) / 1_000;
  const cpu = bench.cpuSeconds() - cpu0;
  const split = bench.cpuSplit();
  const byThread = [...bench.threadSeconds()]
    .map(([name, seconds]) => [name, seconds - (threads0.get(name) ?? 0)] as const)
    .filter(([, seconds]) => seconds > 0)
    .sort((a, b) => b[1] - a[1]);
  const n = calls - calls0;
  const serverDelay = await serverLoopDelay();
  ownDelay.disable();
  const perCall = (seconds: number) => ((seconds / n) * 1_000).toFixed(3);
  console.log(`  ${label}: ${latencies.length}/${queued} handed over`);
  console.log(
    `    p50 ${ms(quantile(latencies, 0.5))}, p90 ${ms(quantile(latencies, 0.9))}, p99 ${ms(quantile(latencies, 0.99))}, max ${ms(Math.max(...latencies))}`,
  );
  console.log(`    ${n} API calls in ${wall.toFixed(1)} s (${(n / wall).toFixed(0)}/s); server CPU ${perCall(cpu)} ms a call`);
  console.log(`    of which user space ${perCall(split.user - split0.user)}, kernel ${perCall(split.system - split0.system)}`);
  // A thread that is not the main one (V8's compiler and GC helpers, the history worker, libuv's pool) works for
  // the calls without being asked by them.
  console.log(`    of which, by thread: ${byThread.map(([name, seconds]) => `${name} ${perCall(seconds)}`).join(', ')}`);
  // As in loop-delay.mjs: less the 10 ms sampling period, so 0 means the loop was never held up.
  const lag = (ns: number) => Math.max(0, ns / 1e6 - 10);
  const own = { p50: lag(ownDelay.percentile(50)), p99: lag(ownDelay.percentile(99)), max: lag(ownDelay.max) };
  console.log(
    `    event-loop delay: server p50 ${ms(serverDelay.p50)}, p99 ${ms(serverDelay.p99)}, max ${ms(serverDelay.max)}; ` +
      `this bench p50 ${ms(own.p50)}, p99 ${ms(own.p99)}, max ${ms(own.max)}`,
  );
}

const agents: Agent[] = [];
try {
  for (let i = 0; i < AGENTS; i++) {
    const thread = `0198a5f2-0000-7000-8000-${String(i).padStart(12, '0')}` as ThreadId;
    const body = await post(`/api/codex/sessions/by-thread/${thread}`, { title: `agent ${i}` });
    agents.push({ thread, sessionId: body.session.id, waitingSince: null, expecting: false });
  }
  const loops = agents.map((a) => agentLoop(a));
  await new Promise((r) => setTimeout(r, 1_000));
  console.log(
    `queued → waiting agent has it, ${AGENTS} agents busy, ${PROMPTS} prompts a phase (Node ${process.versions.node}, ${bench.mode}, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')})`,
  );
  // A server that has just started also pays for compiling its hot paths (V8 does that on threads of its own): the
  // first phase shows that, the second what a server that has been up a while pays.
  await phase('the first prompts after start');
  await phase('the next ones (warm)');
  running = false;
  // The waits still parked end when the server stops.
  void Promise.allSettled(loops);
} finally {
  await bench.close();
  rmSync(delayDir, { recursive: true, force: true });
}

// Queueing cost against how many prompts were ever queued, on the real Store.
const dir = mkdtempSync(join(tmpdir(), 'cpm-bench-queue-'));
try {
  const store = Store.open(join(dir, 'db.sqlite3'), (id: SessionId) => join(dir, id));
  const make = (n: number) =>
    store.sessions.create({ threadId: `t-${n}` as ThreadId, kind: 'attached', title: 't', titleSource: 'user', status: 'RUNNING' });
  const target = make(0);
  const timeQueue = () => {
    const t = performance.now();
    for (let i = 0; i < 500; i++) store.prompts.enqueue(target, 'p');
    const perCall = ((performance.now() - t) / 500) * 1_000;
    store.db.prepare("UPDATE prompts SET state = 'delivered' WHERE session_id = ?").run(target);
    return perCall;
  };
  const oldNext = () => {
    const q = store.db.prepare('SELECT COALESCE(MAX(position), 0) + 1 FROM prompts');
    const t = performance.now();
    for (let i = 0; i < 500; i++) q.get();
    return ((performance.now() - t) / 500) * 1_000;
  };
  timeQueue();
  const empty = timeQueue();
  const oldEmpty = oldNext();
  store.tx(() => {
    for (let s = 1; s <= 400; s++) {
      const id = make(s);
      for (let i = 0; i < 100; i++) store.prompts.enqueue(id, 'old');
    }
    store.db.prepare("UPDATE prompts SET state = 'delivered'").run();
  });
  const full = timeQueue();
  console.log(
    `queueing one prompt (Store, in-process): ${empty.toFixed(0)} µs with ~1,000 prompts ever queued, ${full.toFixed(0)} µs with 41,000`,
  );
  console.log(`  the former next-position query (MAX over every prompt): ${oldEmpty.toFixed(0)} µs → ${oldNext().toFixed(0)} µs`);
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
