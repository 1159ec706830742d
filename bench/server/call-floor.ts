// What one HTTP call costs the serving process on this machine before any of our code runs: a bare node:http server
// (ten lines, no framework), a bare Fastify server (one route, no plugins or hooks), the same storing its body as one
// SQLite row, and the real server's /api/healthy (Fastify, its plugins, the security checks, one stat of the database
// file), each called one request at a time with a pause between (every call wakes an idle process, as a hand-off
// does) and with many in flight (calls share wake-ups). CPU of the serving process per call, from /proc. Read next to
// bench/server/queue-latency.ts: its calls come one per wake-up too. Nothing here fails a build.
// Usage: node --import tsx bench/server/call-floor.ts [calls=1500]; the server is built as `npm start` builds it
// (BENCH_FROM_SOURCE=1: the source under tsx).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { cpuSecondsOf, startBench } from './harness.js';

const CALLS = Number(process.argv[2] ?? 1_500);
const GAPS_MS = [0, 1, 4];
const IN_FLIGHT = 50;

const BARE_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = '{"ok":true}';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const BARE_FASTIFY = `
const app = require('fastify')({ logger: false });
app.get('/api/healthy', async () => ({ ok: true }));
app.listen({ port: 0, host: '127.0.0.1' }).then(() => console.log(app.server.address().port));
`;

// The least a call that stores what it was sent can cost: a bare Fastify route that writes the body as one row and
// commits, on a database set up as ours is (WAL, synchronous=NORMAL), in a throwaway folder.
const FASTIFY_ONE_WRITE = `
const { mkdtempSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const dir = mkdtempSync(join(require('node:os').tmpdir(), 'cpm-floor-'));
process.on('SIGTERM', () => { rmSync(dir, { recursive: true, force: true }); process.exit(0); });
const db = new (require('better-sqlite3'))(join(dir, 'db.sqlite3'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO notes (body, at) VALUES (?, ?)');
const app = require('fastify')({ logger: false });
app.post('/api/notes', async (req) => ({ ok: true, id: Number(insert.run(JSON.stringify(req.body), new Date().toISOString()).lastInsertRowid) }));
app.listen({ port: 0, host: '127.0.0.1' }).then(() => console.log(app.server.address().port));
`;

/** Runs `source` as a server of its own (it prints its port), calls it with `call(port)` for one row, stops it. */
async function spawnedRow(name: string, source: string, call: (port: number) => Promise<void>): Promise<void> {
  // Run from the project folder so `require('fastify')` finds the project's own copy.
  const child = spawn(process.execPath, ['-e', source], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: join(import.meta.dirname, '..', '..'),
  });
  try {
    const port = await new Promise<number>((resolve) => child.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
    await row(name, child.pid as number, () => call(port));
  } finally {
    child.kill();
  }
}

/** CPU ms per call of `pid` while `call` runs `CALLS` times as `how` says. */
async function perCall(pid: number, call: () => Promise<void>, how: { gapMs?: number; inFlight?: number }): Promise<string> {
  const cpu0 = cpuSecondsOf(pid);
  if (how.inFlight) {
    let started = 0;
    const lane = async () => {
      while (started < CALLS) {
        started++;
        await call();
      }
    };
    await Promise.all(Array.from({ length: how.inFlight }, lane));
  } else {
    for (let i = 0; i < CALLS; i++) {
      await call();
      if (how.gapMs) await new Promise((r) => setTimeout(r, how.gapMs));
    }
  }
  return (((cpuSecondsOf(pid) - cpu0) / CALLS) * 1_000).toFixed(3);
}

async function row(name: string, pid: number, call: () => Promise<void>): Promise<void> {
  for (let i = 0; i < 1_000; i++) await call(); // warm: the code is compiled and the connections are open
  const cells: string[] = [];
  for (const gapMs of GAPS_MS) cells.push(`${await perCall(pid, call, { gapMs })} (${gapMs} ms apart)`);
  cells.push(`${await perCall(pid, call, { inFlight: IN_FLIGHT })} (${IN_FLIGHT} in flight)`);
  console.log(`  ${name}: ${cells.join(', ')} ms CPU a call`);
}

console.log(
  `CPU of the serving process per HTTP call, ${CALLS} calls each (Node ${process.versions.node}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
await spawnedRow('bare node:http POST', BARE_SERVER, async (port) => {
  await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{"a":1}' })).text();
});
await spawnedRow('bare Fastify GET /api/healthy', BARE_FASTIFY, async (port) => {
  await (await fetch(`http://127.0.0.1:${port}/api/healthy`)).text();
});
await spawnedRow('bare Fastify POST storing one SQLite row', FASTIFY_ONE_WRITE, async (port) => {
  const body = JSON.stringify({ content: 'prompt', requestId: 'r' });
  await (
    await fetch(`http://127.0.0.1:${port}/api/notes`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
  ).text();
});
const bench = await startBench(() => undefined);
try {
  await row(`the server (${bench.mode}), GET /api/healthy`, bench.server.child.pid as number, async () => {
    await (await bench.api('/api/healthy')).text();
  });
} finally {
  await bench.close();
}
