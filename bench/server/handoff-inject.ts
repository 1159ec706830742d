// What our own code costs a hand-off call without sockets: one turn (a prompt queued, Codex's wait takes it, Codex
// concludes) as three calls through Fastify's inject on the real app (every hook, route, zod schema and SQLite write),
// CPU per call in this process. Beside it the same for GET /api/healthy, and for a bare Fastify route. Read next to
// bench/server/call-floor.ts (what a socket and a wake-up add) and queue-latency.ts (both, as a person's server pays
// them). Prints figures only; nothing here fails a build.
// Usage: node --import tsx bench/server/handoff-inject.ts [turns=3000] [rounds=3]
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { startTestServer } from '../../test/helpers/test-server.js';

const TURNS = Number(process.argv[2] ?? 3_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const AGENTS = 200;

const server = await startTestServer({ start: { live: false, historyDelayMs: 3_600_000 } });
const app = await buildApp(server.server.ctx, { serveUi: false });
const bare = Fastify({ logger: false });
bare.get('/api/healthy', async () => ({ ok: true }));
const headers = { authorization: `Bearer ${server.token}`, host: new URL(server.apiUrl).host };

async function call(on: FastifyInstance, method: 'GET' | 'POST', url: string, payload?: object): Promise<any> {
  const res = await on.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
  return res.json();
}

/** CPU ms per call of `calls` calls, each made by `step(i)` (which makes `perStep` calls). */
async function cpuPerCall(steps: number, perStep: number, step: (i: number) => Promise<void>): Promise<string> {
  const cpu = process.cpuUsage();
  for (let i = 0; i < steps; i++) await step(i);
  const used = process.cpuUsage(cpu);
  return ((used.user + used.system) / 1_000 / (steps * perStep)).toFixed(3);
}

try {
  const agents: { thread: string; sessionId: string; acknowledge?: string }[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const thread = `0198a5f2-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const body = await call(app, 'POST', `/api/codex/sessions/by-thread/${thread}`, { title: `agent ${i}` });
    agents.push({ thread, sessionId: body.session.id });
  }
  let turnsSoFar = 0;
  const turn = async () => {
    const n = turnsSoFar++;
    const agent = agents[n % AGENTS] as (typeof agents)[number];
    await call(app, 'POST', `/api/sessions/${agent.sessionId}/prompts`, { content: `prompt ${n}` });
    const waited = await call(app, 'POST', `/api/codex/sessions/by-thread/${agent.thread}/wait`, {
      timeoutMs: 5_000,
      acknowledge: agent.acknowledge,
    });
    if (waited.status !== 'instruction') throw new Error(`The wait answered ${JSON.stringify(waited)}`);
    agent.acknowledge = waited.instruction.id;
    await call(app, 'POST', `/api/codex/sessions/by-thread/${agent.thread}/conclusion`, {
      content: `done with ${waited.instruction.id}\n\n${'work '.repeat(60)}`,
      requestId: `conclusion-${waited.instruction.id}`,
    });
  };
  const healthy = (on: FastifyInstance) => async () => void (await call(on, 'GET', '/api/healthy'));
  // Warm: every path compiled, every statement prepared.
  for (let i = 0; i < 500; i++) {
    await turn();
    await healthy(app)();
    await healthy(bare)();
  }
  console.log(`CPU a call in this process, through inject (no sockets; Node ${process.versions.node}), ${TURNS} turns a round`);
  for (let round = 1; round <= ROUNDS; round++) {
    const handoff = await cpuPerCall(TURNS, 3, turn);
    const ours = await cpuPerCall(TURNS * 3, 1, healthy(app));
    const bareFastify = await cpuPerCall(TURNS * 3, 1, healthy(bare));
    console.log(`  round ${round}: hand-off calls ${handoff} ms; our GET /api/healthy ${ours} ms; bare Fastify's ${bareFastify} ms`);
  }
} finally {
  await app.close();
  await bare.close();
  await server.close();
}
