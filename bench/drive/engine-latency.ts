// Drive mode's two engines in one run: how long from "send" (a prompt POSTed to an idle driven session) to the first
// streamed text of Codex's answer, with the fake model answering at once, so what is measured is our server plus Codex.
// Daemon engine: the first `live.delta` push of the answer (turn/start into the daemon that already holds the thread).
// Exec engine: the first push carrying answer text (`codex exec` streams no deltas; its message item comes whole), after
// a process start and a thread reload from the rollout. Goal: daemon ≥ 5× faster. Nothing here fails a build.
import type { PushEnvelope } from '../../src/shared/push.js';
import { type ModelRig, type Rig, startRig } from '../../test/helpers/rig.js';
import { now, summary } from '../live/harness.js';

const RUNS = Math.max(3, Number(process.argv[2] ?? 10));
const WARM_UP = 1;

const reply = (req: { lastUserText(): string | undefined }) => ({
  steps: [{ type: 'message' as const, text: `ANSWER to ${(req.lastUserText() ?? '').split('\n')[0]}` }],
});

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
    const sentAt = now();
    const [queued] = await rig.call('POST', `/api/sessions/${sessionId}/prompts`, { content: `prompt ${i}` });
    if (queued !== 201) throw new Error(`queueing answered ${queued}`);
    await seen;
    if (i >= WARM_UP) samples.push(now() - sentAt);
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
console.log(`  daemon engine: ${summary(daemon)}`);
console.log(`  exec engine:   ${summary(exec)}`);
console.log(`  daemon is ${(p50(exec) / p50(daemon)).toFixed(1)}× faster at p50 (goal ≥ 5×)`);
