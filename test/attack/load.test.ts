// 200 simulated Codex agents, each on its own thread through the real MCP loop client, take 5 prompts each that the
// person queues over HTTP while they wait: none lost, none doubled, each agent's in queue order, each timeline
// alternating prompt and conclusion, no 5xx. Prints the figures; timing targets belong in bench/, not here.
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LoopClient } from '../../src/mcp/loop-client.js';
import type { ThreadId } from '../../src/shared/ids.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const AGENTS = 200;
const PROMPTS = 5;
const TIMING = { boundMs: 30_000, sliceMs: 10_000, attachRetryMs: 10_000 };
// The whole run must end by then, or the test fails with what it has instead of hanging.
const DEADLINE_MS = 60_000;

interface Receipt {
  id: string;
  text: string;
  at: number;
}

interface Agent {
  thread: ThreadId;
  sessionId: string;
  /** Types all prompts ahead, or each one after the agent took the one before (so it often arrives to a parked wait). */
  typesAhead: boolean;
  queued: { id: string; text: string; at: number }[];
  received: Receipt[];
  onReceipt: (() => void)[];
}

function received(agent: Agent, n: number): Promise<void> {
  if (agent.received.length >= n) return Promise.resolve();
  return new Promise((resolve) => agent.onReceipt.push(() => agent.received.length >= n && resolve()));
}

let ts: TestServer;
const statuses = new Map<number, number>();
const serverErrors: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  ts = await startTestServer();
  // The loop client retries a 5xx as a restarting server, so a 5xx would never reach the test: every answer is counted here.
  globalThis.fetch = async (input, init) => {
    const res = await realFetch(input, init);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) serverErrors.push(`${res.status} ${init?.method ?? 'GET'} ${String(input)}`);
    return res;
  };
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await ts?.close();
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** One agent: attach, then wait → conclude until it has concluded PROMPTS prompts. */
async function runAgent(loop: LoopClient, agent: Agent, attached: (sessionId: string) => void, signal: AbortSignal): Promise<void> {
  const session = await loop.attach(agent.thread, `load agent ${agent.thread.slice(0, 8)}`, signal);
  agent.sessionId = session.id;
  attached(session.id);
  while (agent.received.length < PROMPTS) {
    if (signal.aborted) throw new Error(`agent ${agent.thread} ran out of time after ${agent.received.length} prompts`);
    const result = await loop.waitForInstruction(agent.thread, signal);
    if ('unreachable' in result) throw new Error(`agent ${agent.thread}: ${result.unreachable}`);
    if (result.status === 'no_instruction_yet') continue;
    if (result.status !== 'instruction' || !result.instruction) throw new Error(`agent ${agent.thread} got ${result.status}`);
    agent.received.push({ id: result.instruction.id, text: result.instruction.text, at: Date.now() });
    for (const notify of agent.onReceipt) notify();
    await loop.conclude(agent.thread, `concluded: ${result.instruction.text}`, signal);
  }
}

/** The person: queues the session's prompts one after another (their order is the queue order), while its agent waits. */
async function queuePrompts(agent: Agent, index: number): Promise<void> {
  for (let k = 0; k < PROMPTS; k++) {
    if (!agent.typesAhead) await received(agent, k);
    const text = `agent ${index} prompt ${k}`;
    const at = Date.now();
    const [status, body] = await ts.call('POST', `/api/sessions/${agent.sessionId}/prompts`, { content: text });
    if (status !== 201) throw new Error(`queueing "${text}" answered ${status} ${JSON.stringify(body)}`);
    agent.queued.push({ id: body.prompt.id, text, at });
  }
}

it(`${AGENTS} agents × ${PROMPTS} prompts: none lost, none doubled, each in queue order, no 5xx`, {
  timeout: DEADLINE_MS + 30_000,
}, async () => {
  const loop = new LoopClient(ts.dataRoot, TIMING);
  const deadline = AbortSignal.timeout(DEADLINE_MS);
  const agents: Agent[] = Array.from({ length: AGENTS }, (_, i) => ({
    thread: randomUUID() as ThreadId,
    sessionId: '',
    typesAhead: i % 2 === 0,
    queued: [],
    received: [],
    onReceipt: [],
  }));

  // Server, agents and person share this event loop, and Node accepts one new connection per turn of it: how long a
  // turn takes is what the first burst of ~230 connections waits on (the long tail of the figures below).
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const started = Date.now();
  const outcomes = await Promise.allSettled(
    agents.map(async (agent, i) => {
      let queuing: Promise<void> = Promise.resolve();
      // One signal per agent: fetch leaves a listener on the signal it is given, and 2,000 calls on one signal warn.
      const signal = AbortSignal.any([deadline]);
      await runAgent(loop, agent, () => (queuing = queuePrompts(agent, i)), signal);
      await queuing;
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  loopDelay.disable();

  const latency = (group: Agent[]) => {
    const ms = group.flatMap((agent) => agent.received.flatMap((r) => agent.queued.filter((q) => q.id === r.id).map((q) => r.at - q.at)));
    ms.sort((a, b) => a - b);
    return `p50 ${percentile(ms, 50)} ms, p99 ${percentile(ms, 99)} ms, max ${ms.at(-1)} ms`;
  };
  const delivered = agents.reduce((n, a) => n + a.received.length, 0);
  console.log(
    `load: ${AGENTS} agents × ${PROMPTS} prompts, ${delivered} delivered in ${seconds.toFixed(1)} s ` +
      `(${(delivered / seconds).toFixed(0)} prompts/s)\n  queue → receipt, one prompt at a time: ${latency(agents.filter((a) => !a.typesAhead))}` +
      `\n  queue → receipt, all typed ahead (includes the agent working through the earlier ones): ${latency(agents.filter((a) => a.typesAhead))}` +
      `\n  event loop delay p50 ${(loopDelay.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms` +
      `\n  HTTP answers: ${[...statuses].map(([st, n]) => `${st}×${n}`).join(' ')}`,
  );

  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error)?.message ?? o.reason)] : []));
  expect(failures.slice(0, 10), `${failures.length} agents failed`).toEqual([]);
  expect(serverErrors).toEqual([]);

  const lost: string[] = [];
  const doubled: string[] = [];
  const outOfOrder: string[] = [];
  for (const agent of agents) {
    const got = agent.received.map((r) => r.id);
    const ids = agent.queued.map((q) => q.id);
    lost.push(...ids.filter((id) => !got.includes(id)));
    doubled.push(...got.filter((id, i) => got.indexOf(id) !== i));
    if (JSON.stringify(got) !== JSON.stringify(ids)) outOfOrder.push(`${agent.thread}: queued ${ids.join(',')} got ${got.join(',')}`);
  }
  expect({ lost, doubled, outOfOrder: outOfOrder.slice(0, 5) }).toEqual({ lost: [], doubled: [], outOfOrder: [] });

  const badTimelines: string[] = [];
  await Promise.all(
    agents.map(async (agent) => {
      const [, body] = await ts.call('GET', `/api/sessions/${agent.sessionId}`);
      const timeline = body.session.timeline.map((e: { role: string; content: string }) => `${e.role}:${e.content}`);
      const expected = agent.queued.flatMap((q) => [`user:${q.text}`, `codex:concluded: ${q.text}`]);
      if (JSON.stringify(timeline) !== JSON.stringify(expected) || body.session.queue.length !== 0) {
        badTimelines.push(`${agent.thread}: ${JSON.stringify(timeline)} queue ${body.session.queue.length}`);
      }
    }),
  );
  expect(badTimelines.slice(0, 5), `${badTimelines.length} sessions with a wrong timeline or a leftover queue`).toEqual([]);
});
