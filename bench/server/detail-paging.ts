// Session detail and list at scale, against the real server in its own process: a 5,000-entry session (2.2 KB a
// conclusion, like the 11 MB one measured) among 1,001 sessions. Prints the first page's size (plain and compressed)
// and time, the list's, and the server's RSS while the long session is read over and over, paging back to its start.
// Goals: first page ≤ 200 KB and ≤ 20 ms, RSS ≤ 150 MB. The server is built afresh the way `npm start` builds it;
// BENCH_FROM_SOURCE=1 runs the source under tsx instead, whose loader threads add ~40 MB of RSS. Nothing here fails a build.
import { Agent, request } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { ThreadId } from '../../src/shared/ids.js';
import { kb, ms, quantile, startBench } from './harness.js';

const ENTRIES = Number(process.argv[2] ?? 5_000);
const OTHER_SESSIONS = 1_000;
const ROUNDS = Number(process.argv[3] ?? 100);

// Varied words, so compression ratios are those of real prose, not of one sentence repeated.
const WORDS =
  'the parser now keeps position of every token so errors point at right column tests pass lexer split into two files cache was stale after rename fixed by keying on inode and size benchmark shows scan at twice plain readline'.split(
    ' ',
  );
let state = 42;
const word = () => {
  state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
  return WORDS[state % WORDS.length] as string;
};
const prose = (words: number) => Array.from({ length: words }, word).join(' ');
const conclusion = (i: number) => `## Step ${i}: ${prose(6)}\n\n${prose(150)}.\n\n${prose(150)}.\n\n\`\`\`ts\nconst step = ${i};\n\`\`\`\n`;

let longSession = '';
const bench = await startBench((store) => {
  store.tx(() => {
    const make = (n: number) =>
      store.sessions.create({
        threadId: `0198a5f2-0000-7000-8000-${String(n).padStart(12, '0')}` as ThreadId,
        kind: 'attached',
        title: `session ${n}`,
        titleSource: 'user',
        status: 'WAITING_FOR_INSTRUCTION',
      });
    longSession = make(0);
    for (let i = 0; i < ENTRIES; i++) store.timeline.append(longSession as never, i % 2 ? 'codex' : 'user', conclusion(i));
    for (let n = 1; n <= OTHER_SESSIONS; n++) {
      const id = make(n);
      for (let i = 0; i < 10; i++) store.timeline.append(id, i % 2 ? 'codex' : 'user', conclusion(i));
    }
  });
});

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
/** GET over node:http, so `bytes` is what crossed the wire (fetch would decode it out of sight). */
function timed(path: string, encoding = 'identity'): Promise<{ ms: number; bytes: number; body: Buffer }> {
  const url = new URL(path, bench.server.apiUrl);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${bench.server.token}`, 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${path} answered ${res.statusCode}`));
        const body = Buffer.concat(chunks);
        resolve({ ms: performance.now() - start, bytes: body.length, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

try {
  console.log(`server (${bench.mode}): ${ENTRIES}-entry session among ${OTHER_SESSIONS + 1} sessions (Node ${process.versions.node})`);
  const first = await timed(`/api/sessions/${longSession}`);
  const detail = JSON.parse(first.body.toString('utf8')) as { session: { timeline: { seq: number }[] }; hasEarlier: boolean };
  const br = brotliCompressSync(first.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length;
  console.log(
    `first page: ${detail.session.timeline.length} entries, ${kb(first.bytes)} plain, ${kb(gzipSync(first.body).length)} gzip, ${kb(br)} br; hasEarlier ${detail.hasEarlier}`,
  );

  const samples: number[] = [];
  const rssSamples: number[] = [];
  let pages = 0;
  for (let round = 0; round < ROUNDS; round++) {
    samples.push((await timed(`/api/sessions/${longSession}`)).ms);
    // Every tenth round walks back through the whole session, 50 entries a page.
    if (round % 10 === 0) {
      let before = detail.session.timeline[0]?.seq;
      while (before !== undefined) {
        const page = JSON.parse((await timed(`/api/sessions/${longSession}/timeline?before=${before}`)).body.toString('utf8')) as {
          entries: { seq: number }[];
          hasEarlier: boolean;
        };
        pages++;
        before = page.hasEarlier ? page.entries[0]?.seq : undefined;
      }
    }
    rssSamples.push(bench.rss().nowMb);
  }
  console.log(
    `first page over HTTP (identity), ${ROUNDS} reads: p50 ${ms(quantile(samples, 0.5))}, p99 ${ms(quantile(samples, 0.99))}, max ${ms(Math.max(...samples))}`,
  );
  const compressed = await timed(`/api/sessions/${longSession}`, 'gzip, deflate, br');
  console.log(`first page on the wire with Accept-Encoding br: ${kb(compressed.bytes)} in ${ms(compressed.ms)}`);
  console.log(`paged back to the first entry ${Math.ceil(ROUNDS / 10)} times (${pages} pages)`);
  const rss = bench.rss();
  console.log(
    `server RSS while reading: max ${rssSamples.reduce((a, b) => Math.max(a, b), 0).toFixed(0)} MB, peak since start ${rss.peakMb.toFixed(0)} MB`,
  );

  const listSamples: number[] = [];
  let listBytes = 0;
  for (let i = 0; i < 20; i++) {
    const list = await timed('/api/sessions');
    listSamples.push(list.ms);
    listBytes = list.bytes;
  }
  const listWire = await timed('/api/sessions', 'gzip, deflate, br');
  console.log(
    `session list (${OTHER_SESSIONS + 1} sessions): ${kb(listBytes)} plain, ${kb(listWire.bytes)} br; p50 ${ms(quantile(listSamples, 0.5))}, max ${ms(Math.max(...listSamples))}`,
  );
  for (const encoding of ['identity', 'br']) {
    const cpu0 = bench.cpuSeconds();
    const N = 200;
    for (let i = 0; i < N; i++) await timed(`/api/sessions/${longSession}`, encoding);
    console.log(`server CPU per first-page read (${encoding}): ${(((bench.cpuSeconds() - cpu0) / N) * 1000).toFixed(2)} ms`);
  }
} finally {
  agent.destroy();
  await bench.close();
}
