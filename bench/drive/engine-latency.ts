// Drive mode's two engines in one run: how long from "send" (a prompt POSTed to an idle driven session) to the first
// streamed text of Codex's answer, with the fake model answering at once, so what is measured is our server plus Codex.
// Daemon engine: the first `live.delta` push of the answer (turn/start into the daemon that already holds the thread).
// Exec engine: the first push carrying answer text (`codex exec` streams no deltas; its message item comes whole), after
// a process start and a thread reload from the rollout. Goal: daemon ≥ 5× faster. Nothing here fails a build.
import type { PushEnvelope } from '../../src/shared/push.js';
import { type ModelRig, type Rig, startRig } from '../../test/helpers/rig.js';
import { now, summary } from '../live/harness.js';

const RUNS = Math.max(3, Number(process.argv[2] ?? 10));
// With SSL_CERT_FILE set, Codex builds its HTTP client from that CA bundle again for every model request (about 50 ms
// on this machine, for either engine). The fake model is plain HTTP on loopback and needs no CA, so the bench leaves
// it out for both engines (unless BENCH_KEEP_SSL_CERT_FILE=1), to measure what the engines themselves cost.
const droppedCaBundle = process.env.SSL_CERT_FILE !== undefined && process.env.BENCH_KEEP_SSL_CERT_FILE !== '1';
if (droppedCaBundle) delete process.env.SSL_CERT_FILE;
const WARM_UP = 1;

/** When the fake model heard each prompt's request, and (daemon) when our client wrote its turn/start. */
const modelHeardAt = new Map<string, number>();
const turnStartAt: number[] = [];
const reply = (req: { lastUserText(): string | undefined }) => {
  const text = (req.lastUserText() ?? '').split('\n')[0] ?? '';
  if (!modelHeardAt.has(text)) modelHeardAt.set(text, now());
  return { steps: [{ type: 'message' as const, text: `ANSWER to ${text}` }] };
};
/** Per measured prompt: send → turn/start written, turn/start → model request, model request → first text push. */
const phases: { toStart: number[]; inCodex: number[]; back: number[] } = { toStart: [], inCodex: [], back: [] };

async function measure(rig: Rig & ModelRig, firstText: (push: PushEnvelope, sessionId: string) => boolean): Promise<number[]> {
  const [status, body] = await rig.call('POST', '/api/drive/sessions', { prompt: 'warm up', cwd: rig.workDir, sandbox: 'read-only' });
  if (status !== 201) throw new Error(`starting the session answered ${status}`);
  const sessionId = body.session.id as string;
  const idle = () => rig.until('an idle session', () => !rig.server.ctx.drive.isRunning(sessionId as never), 60_000);
  await rig.until('the first turn', () => rig.server.ctx.drive.repo.turns(sessionId as never).some((t) => t.endedAt), 60_000);
  await idle();
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
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
      if (started !== undefined && heard !== undefined) {
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

const daemonRig = await startRig({ fakeModel: reply, daemon: true });
let daemon: number[];
try {
  await daemonRig.until('the daemon connection', () => daemonRig.server.ctx.live.daemon().state === 'connected', 30_000);
  const client = daemonRig.server.ctx.live.client;
  const request = client.request.bind(client);
  client.request = (method, params, opts) => {
    if (method === 'turn/start') turnStartAt.push(now());
    return request(method, params, opts);
  };
  console.log('daemon engine:');
  daemon = await measure(daemonRig, (p, id) => p.type === 'live.delta' && p.sessionId === id && p.text.includes('ANSWER'));
} finally {
  await daemonRig.close();
}
const execRig = await startRig({ fakeModel: reply });
let exec: number[];
try {
  console.log('exec engine:');
  exec = await measure(
    execRig,
    (p, id) => p.type === 'drive.event' && p.sessionId === id && p.event.kind === 'item' && p.event.item.type === 'agent_message',
  );
} finally {
  await execRig.close();
}
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
console.log(`send → first streamed text of the answer, ${RUNS} prompts each after ${WARM_UP} warm-up (Node ${process.versions.node})`);
if (droppedCaBundle) console.log('  (SSL_CERT_FILE left out for Codex; BENCH_KEEP_SSL_CERT_FILE=1 keeps it)');
console.log(`  daemon engine: ${summary(daemon)}`);
console.log(`  exec engine:   ${summary(exec)}`);
console.log(`  daemon is ${(p50(exec) / p50(daemon)).toFixed(1)}× faster at p50 (goal ≥ 5×)`);
console.log('  where the daemon engine spends its time:');
console.log(`    send → turn/start written (our server):       ${summary(phases.toStart)}`);
console.log(`    turn/start → model request (inside Codex):    ${summary(phases.inCodex)}`);
console.log(`    model request → first text push (Codex + us): ${summary(phases.back)}`);
