// How long a prompt POSTed for an idle live thread takes to leave our server as `turn/start` to the Codex daemon, over
// N prompts, with the real daemon and our real server (in this process). The clock starts just before the POST is sent
// and stops when the server's daemon client is asked to send turn/start (its request() is wrapped here, in the bench
// only). Goal p99 ≤ 20 ms; nothing here fails a build.
import { until } from '../../test/helpers/until.js';
import { now, startLiveBench, summary } from './harness.js';

const RUNS = Math.max(50, Number(process.argv[2] ?? 50));
const WARM_UP = 3;

const bench = await startLiveBench();
try {
  const { rig } = bench;
  const { sessionId } = await bench.newThread();
  const client = rig.server.ctx.live.client;
  let writtenAt = 0;
  const request = client.request.bind(client);
  client.request = (method, params, opts) => {
    if (method === 'turn/start') writtenAt = now();
    return request(method, params, opts);
  };

  const samples: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    writtenAt = 0;
    const sentAt = now();
    const [status, body] = await rig.call('POST', `/api/sessions/${sessionId}/prompts`, { content: `prompt ${i}` });
    const answeredAt = now();
    if (status !== 201) throw new Error(`queueing the prompt answered ${status}`);
    // Polled: nothing the rig listens to follows the wrapped request.
    await until(
      'the prompt to be handed to the daemon',
      () => writtenAt > 0 && rig.server.ctx.store.prompts.get(body.prompt.id)?.state !== 'queued',
      10_000,
    );
    if (i >= WARM_UP) {
      samples.push(writtenAt - sentAt);
      answered.push(answeredAt - sentAt);
    }
    await rig.until('the turn to finish', () => rig.server.ctx.store.prompts.get(body.prompt.id)?.state === 'delivered', 30_000);
    await bench.idle(sessionId);
  }
  console.log(`prompt POST → turn/start sent to the daemon, ${RUNS} prompts after ${WARM_UP} warm-up (Node ${process.versions.node})`);
  console.log(`  POST sent → turn/start: ${summary(samples)}`);
  console.log(`  POST sent → its answer read (for comparison): ${summary(answered)}`);
} finally {
  await bench.close();
}
