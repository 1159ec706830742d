// Drive mode's two engines in one run: how long from "send" (a prompt POSTed to an idle driven session) to the first
// streamed text of Codex's answer, with the fake model answering at once, so what is measured is our server plus Codex.
// Daemon engine: the first `live.delta` push of the answer (turn/start into the daemon that already holds the thread).
// Exec engine: the first push carrying answer text (`codex exec` streams no deltas; its message item comes whole), after
// a process start and a thread reload from the rollout. Goal: daemon ≥ 5× faster. Runs on every supported Codex
// version (BENCH_CODEX=0.171.0 picks one). Nothing here fails a build.
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { PushEnvelope } from '../../src/shared/push.js';
import { CODEX_VERSIONS, type CodexVersion } from '../../test/fixtures/codex-env.js';
import { type ModelRig, type Rig, startRig } from '../../test/helpers/rig.js';
import { now, summary } from '../live/harness.js';
import { type CodexPhases, daemonLogReader, PHASES_RUST_LOG } from './codex-phases.js';

const RUNS = Math.max(3, Number(process.argv[2] ?? 10));
const VERSIONS = (process.env.BENCH_CODEX?.split(',') ?? [...CODEX_VERSIONS]) as CodexVersion[];
// With SSL_CERT_FILE set, Codex builds its HTTP client from that CA bundle again for every model request (about 50 ms
// on this machine, for either engine). The fake model is plain HTTP on loopback and needs no CA, so the bench leaves
// it out for both engines (unless BENCH_KEEP_SSL_CERT_FILE=1), to measure what the engines themselves cost.
const droppedCaBundle = process.env.SSL_CERT_FILE !== undefined && process.env.BENCH_KEEP_SSL_CERT_FILE !== '1';
if (droppedCaBundle) delete process.env.SSL_CERT_FILE;
// Codex's own phases come from its log; the same log setting reaches both engines' Codex.
const withPhases = process.env.BENCH_CODEX_PHASES === '1';
if (withPhases) process.env.RUST_LOG = PHASES_RUST_LOG;
const WARM_UP = 1;
// Diagnostic only, never the goal figure: on a VM whose idle CPUs halt (this one runs with guest halt polling off), each
// wake-up of an idle CPU is slow, and the daemon engine's turn is a chain of short hops between processes and threads,
// so an idle machine slows it far more than the exec engine's CPU-bound process start. BENCH_AWAKE=1 keeps one
// lowest-priority busy loop per CPU for the whole run (both engines alike), to show how much of a figure that is.
const awake: ChildProcess[] =
  process.env.BENCH_AWAKE === '1'
    ? Array.from({ length: availableParallelism() }, () =>
        spawn('nice', ['-n', '19', process.execPath, '-e', 'for (;;) {}'], { stdio: 'ignore' }),
      )
    : [];
process.once('exit', () => {
  for (const child of awake) child.kill('SIGKILL');
});

/** When the fake model heard each prompt's request, and (daemon) when our client wrote its turn/start. */
const modelHeardAt = new Map<string, number>();
const turnStartAt: number[] = [];
const reply = (req: { lastUserText(): string | undefined }) => {
  const text = (req.lastUserText() ?? '').split('\n')[0] ?? '';
  if (!modelHeardAt.has(text)) modelHeardAt.set(text, now());
  return { steps: [{ type: 'message' as const, text: `ANSWER to ${text}` }] };
};
/** Per measured prompt: send → turn/start written, turn/start → model request, model request → first text push. */
interface Phases {
  toStart: number[];
  inCodex: number[];
  back: number[];
}

async function measure(
  rig: Rig & ModelRig,
  firstText: (push: PushEnvelope, sessionId: string) => boolean,
  phases?: Phases,
  log?: { skip(): void } | null,
): Promise<number[]> {
  const [status, body] = await rig.call('POST', '/api/drive/sessions', { prompt: 'warm up', cwd: rig.workDir, sandbox: 'read-only' });
  if (status !== 201) throw new Error(`starting the session answered ${status}`);
  const sessionId = body.session.id as string;
  const idle = () => rig.until('an idle session', () => !rig.server.ctx.drive.isRunning(sessionId as never), 60_000);
  await rig.until('the first turn', () => rig.server.ctx.drive.repo.turns(sessionId as never).some((t) => t.endedAt), 60_000);
  await idle();
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    if (i === WARM_UP) log?.skip();
    const seen = rig.nextPush((p) => firstText(p, sessionId), 60_000);
    const startsBefore = turnStartAt.length;
    const sentAt = now();
    const [queued] = await rig.call('POST', `/api/sessions/${sessionId}/prompts`, { content: `prompt ${i}` });
    if (queued !== 201) throw new Error(`queueing answered ${queued}`);
    await seen;
    const doneAt = now();
    if (i >= WARM_UP) {
      samples.push(doneAt - sentAt);
      const started = turnStartAt[startsBefore];
      const heard = modelHeardAt.get(`prompt ${i}`);
      if (phases && started !== undefined && heard !== undefined) {
        phases.toStart.push(started - sentAt);
        phases.inCodex.push(heard - started);
        phases.back.push(doneAt - heard);
      }
    }
    await rig.until(
      `turn ${i + 2}`,
      () => rig.server.ctx.drive.repo.turns(sessionId as never).filter((t) => t.endedAt).length === i + 2,
      60_000,
    );
    await idle();
  }
  const engines = new Set(rig.server.ctx.drive.repo.turns(sessionId as never).map((t) => t.engine));
  console.log(`  (turns ran on: ${[...engines].join(', ')})`);
  return samples;
}

async function daemonEngine(version: CodexVersion): Promise<{ samples: number[]; phases: Phases; codex: CodexPhases | null }> {
  const rig = await startRig({ fakeModel: reply, daemon: true, codexVersion: version });
  try {
    await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
    const client = rig.server.ctx.live.client;
    const request = client.request.bind(client);
    client.request = (method, params, opts) => {
      if (method === 'turn/start') turnStartAt.push(now());
      return request(method, params, opts);
    };
    const log = withPhases ? daemonLogReader(rig.codexHome) : null;
    const phases: Phases = { toStart: [], inCodex: [], back: [] };
    console.log(`daemon engine, Codex ${version}:`);
    const samples = await measure(rig, (p, id) => p.type === 'live.delta' && p.sessionId === id && p.text.includes('ANSWER'), phases, log);
    return { samples, phases, codex: log?.phases() ?? null };
  } finally {
    await rig.close();
  }
}

async function execEngine(version: CodexVersion): Promise<number[]> {
  const rig = await startRig({ fakeModel: reply, codexVersion: version });
  try {
    console.log(`exec engine, Codex ${version}:`);
    return await measure(
      rig,
      (p, id) => p.type === 'drive.event' && p.sessionId === id && p.event.kind === 'item' && p.event.item.type === 'agent_message',
    );
  } finally {
    await rig.close();
  }
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
const report: string[] = [];
for (const version of VERSIONS) {
  // Each rig's prompts are "prompt 0", "prompt 1", …: what the model heard in an earlier rig must not count here.
  modelHeardAt.clear();
  const daemon = await daemonEngine(version);
  modelHeardAt.clear();
  const exec = await execEngine(version);
  report.push(
    `Codex ${version}:`,
    `  daemon engine: ${summary(daemon.samples)}`,
    `  exec engine:   ${summary(exec)}`,
    `  daemon is ${(p50(exec) / p50(daemon.samples)).toFixed(1)}× faster at p50 (goal ≥ 5×)`,
    '  where the daemon engine spends its time:',
    `    send → turn/start written (our server):       ${summary(daemon.phases.toStart)}`,
    `    turn/start → model request (inside Codex):    ${summary(daemon.phases.inCodex)}`,
    `    model request → first text push (Codex + us): ${summary(daemon.phases.back)}`,
  );
  if (daemon.codex && daemon.codex.toRequest.length > 0) {
    report.push(
      `  inside Codex, from its log (Codex's clock, ${daemon.codex.toRequest.length} turns):`,
      `    turn/start received → request built:  ${summary(daemon.codex.toRequest)}`,
      `      of which skill-ranking experiment: ${summary(daemon.codex.skillRanking)}`,
      `    HTTP client built for the request:    ${summary(daemon.codex.httpClient)}`,
    );
  }
}
console.log(`send → first streamed text of the answer, ${RUNS} prompts each after ${WARM_UP} warm-up (Node ${process.versions.node})`);
if (droppedCaBundle) console.log('  (SSL_CERT_FILE left out for Codex; BENCH_KEEP_SSL_CERT_FILE=1 keeps it)');
if (withPhases) {
  console.log(`  (both engines' Codex ran with RUST_LOG=${PHASES_RUST_LOG};`);
  console.log('   that logging slows each engine by its own amount, so the goal figure is a run without BENCH_CODEX_PHASES)');
}
if (awake.length > 0)
  console.log(`  (BENCH_AWAKE: ${awake.length} nice-19 busy loops kept the CPUs from idling; a diagnostic, not the goal figure)`);
for (const line of report) console.log(line);
for (const child of awake) child.kill('SIGKILL');
