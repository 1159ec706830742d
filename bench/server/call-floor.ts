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

// A database set up as ours is (WAL, synchronous=NORMAL), in a folder removed when the server is stopped.
const SQLITE_IN_A_THROWAWAY_FOLDER = `
const { mkdtempSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const dir = mkdtempSync(join(require('node:os').tmpdir(), 'cpm-floor-'));
process.on('SIGTERM', () => { rmSync(dir, { recursive: true, force: true }); process.exit(0); });
const db = new (require('better-sqlite3'))(join(dir, 'db.sqlite3'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
`;

// The least a call that stores what it was sent can cost: a bare Fastify route that writes the body as one row.
const FASTIFY_ONE_WRITE = `
${SQLITE_IN_A_THROWAWAY_FOLDER}
db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO notes (body, at) VALUES (?, ?)');
const app = require('fastify')({ logger: false });
app.post('/api/notes', async (req) => ({ ok: true, id: Number(insert.run(JSON.stringify(req.body), new Date().toISOString()).lastInsertRowid) }));
app.listen({ port: 0, host: '127.0.0.1' }).then(() => console.log(app.server.address().port));
`;

// The least a hand-off could cost with our durability: the three calls of a turn on a bare Fastify, each one
// transaction with only the writes a turn cannot do without (the prompt stored; handed, with its timeline entry;
// the conclusion stored, the prompt delivered; each time the session's status and recency for the sidebar). No audit
// log, no state in between, no reads for the pushes. 200 sessions, one turn after another across them.
const FASTIFY_MINIMAL_HANDOFF = `
${SQLITE_IN_A_THROWAWAY_FOLDER}
const { randomUUID } = require('node:crypto');
db.exec(\`
  CREATE TABLE sessions (id TEXT PRIMARY KEY, status TEXT NOT NULL, last_activity_at TEXT NOT NULL);
  CREATE INDEX sessions_recency ON sessions (last_activity_at);
  CREATE TABLE prompts (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, content TEXT NOT NULL, state TEXT NOT NULL,
    position INTEGER NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX prompts_queue ON prompts (session_id, state, position);
  CREATE TABLE timeline (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, session_id TEXT NOT NULL, role TEXT NOT NULL,
    content TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX timeline_session ON timeline (session_id, seq);
\`);
const now = () => new Date().toISOString();
for (let i = 0; i < 200; i++) db.prepare('INSERT INTO sessions VALUES (?, ?, ?)').run('s' + i, 'RUNNING', now());
const status = db.prepare('UPDATE sessions SET status = ?, last_activity_at = ? WHERE id = ?');
const enqueue = db.prepare("INSERT INTO prompts VALUES (?, ?, ?, 'queued', (SELECT COALESCE(MAX(position), 0) + 1 FROM prompts WHERE session_id = ?), ?)");
const oldest = db.prepare("SELECT * FROM prompts WHERE session_id = ? AND state = 'queued' ORDER BY position LIMIT 1");
const setState = db.prepare('UPDATE prompts SET state = ? WHERE id = ?');
const entry = db.prepare('INSERT INTO timeline (id, session_id, role, content, created_at) VALUES (?, ?, ?, ?, ?)');
const delivered = db.prepare("UPDATE prompts SET state = 'delivered' WHERE session_id = ? AND state = 'handed'");
const app = require('fastify')({ logger: false });
app.post('/queue/:s', async (req) => db.transaction(() => {
  const id = randomUUID();
  const at = now();
  enqueue.run(id, req.params.s, req.body.content, req.params.s, at);
  status.run('RUNNING', at, req.params.s);
  return { ok: true, id };
})());
app.post('/wait/:s', async (req) => db.transaction(() => {
  const prompt = oldest.get(req.params.s);
  // With calls in flight a wait can overtake the queueing before it.
  if (!prompt) return { ok: true, instruction: null };
  const at = now();
  setState.run('handed', prompt.id);
  entry.run(randomUUID(), req.params.s, 'user', prompt.content, at);
  status.run('RUNNING', at, req.params.s);
  return { ok: true, instruction: { id: prompt.id, text: prompt.content } };
})());
app.post('/conclusion/:s', async (req) => db.transaction(() => {
  const at = now();
  delivered.run(req.params.s);
  entry.run(randomUUID(), req.params.s, 'codex', req.body.content, at);
  status.run('WAITING_FOR_INSTRUCTION', at, req.params.s);
  return { ok: true };
})());
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
let handoffCalls = 0;
await spawnedRow(
  "bare Fastify hand-off, each of a turn's three calls with only the writes it must make",
  FASTIFY_MINIMAL_HANDOFF,
  async (port) => {
    const n = handoffCalls++;
    const step = ['queue', 'wait', 'conclusion'][n % 3];
    const session = Math.floor(n / 3) % 200;
    const body = JSON.stringify({ content: step === 'conclusion' ? `done\n\n${'work '.repeat(60)}` : `prompt ${n}` });
    const res = await fetch(`http://127.0.0.1:${port}/${step}/s${session}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    if (res.status !== 200) throw new Error(`${step} answered ${res.status}: ${await res.text()}`);
    await res.text();
  },
);
const bench = await startBench(() => undefined);
try {
  await row(`the server (${bench.mode}), GET /api/healthy`, bench.server.child.pid as number, async () => {
    await (await bench.api('/api/healthy')).text();
  });
} finally {
  await bench.close();
}
