// What SQLite costs one turn of the hand-off loop (Codex waits, a prompt is queued and handed over, Codex concludes),
// on the real server's Delivery and listeners without HTTP: each statement's count and CPU per turn, and the WAL frames
// each step writes with the b-tree each frame belongs to. Prints figures only; nothing here fails a build.
import { readFileSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { SessionId, ThreadId } from '../../src/shared/ids.js';
import { startTestServer } from '../../test/helpers/test-server.js';

const SESSIONS = Number(process.argv[2] ?? 200);
const TURNS = Number(process.argv[3] ?? 20);
const server = await startTestServer({ start: { live: false, historyDelayMs: 3_600_000 } });
const { store, delivery } = server.server.ctx;
// The frames are read back from the WAL, so the checkpointer must not start it over while they are counted.
store.db.pragma('wal_autocheckpoint = 0');

const bySql = new Map<string, { n: number; us: number }>();
let counting = false;
const proto = Object.getPrototypeOf(store.db.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
for (const method of ['run', 'get', 'all'] as const) {
  const original = proto[method] as (...args: unknown[]) => unknown;
  proto[method] = function (this: Database.Statement, ...args: unknown[]) {
    if (!counting) return original.apply(this, args);
    const cpu = process.cpuUsage();
    try {
      return original.apply(this, args);
    } finally {
      const used = process.cpuUsage(cpu);
      const key = this.source.replace(/\s+/g, ' ').trim().slice(0, 100);
      const row = bySql.get(key) ?? { n: 0, us: 0 };
      row.n++;
      row.us += used.user + used.system;
      bySql.set(key, row);
    }
  };
}

const threads = Array.from({ length: SESSIONS }, (_, i) => `0198a5f2-0000-7000-8000-${String(i).padStart(12, '0')}` as ThreadId);
const ids: SessionId[] = threads.map((t, i) => delivery.attach(t, `agent ${i}`).id);
const acknowledge: (string | undefined)[] = threads.map(() => undefined);
type Step = 'wait parks' | 'queue (and claim)' | 'hand-off confirmed' | 'conclude';
/** One turn for every session; `watch` wraps the steps of one session (the others run as they are). */
async function turn(n: number, watch: (step: Step, i: number, run: () => void) => void = (_s, _i, run) => run()) {
  const waits = threads.map((t, i) => {
    let wait!: ReturnType<typeof delivery.wait>;
    watch('wait parks', i, () => {
      wait = delivery.wait(t, { timeoutMs: 60_000, acknowledge: acknowledge[i] });
    });
    return wait;
  });
  ids.forEach((id, i) => {
    watch('queue (and claim)', i, () => delivery.queue(id, `prompt ${n} ${i}`));
  });
  const outcomes = await Promise.all(waits);
  outcomes.forEach((o, i) => {
    watch('hand-off confirmed', i, () => {
      o.handoff?.confirm();
      acknowledge[i] = o.instruction?.id;
    });
  });
  threads.forEach((t, i) => {
    watch('conclude', i, () => delivery.conclude(t, `done ${n}\n\n${'work '.repeat(60)}`, `c-${n}-${i}`));
  });
}

for (let n = 0; n < 5; n++) await turn(n);
counting = true;
const cpu = process.cpuUsage();
for (let n = 5; n < 5 + TURNS; n++) await turn(n);
const used = process.cpuUsage(cpu);
counting = false;
const turns = TURNS * SESSIONS;
let statements = 0;
let sqlUs = 0;
console.log(`one hand-off turn, ${SESSIONS} sessions × ${TURNS} turns, in-process (Node ${process.versions.node})`);
for (const [sql, { n, us }] of [...bySql].sort((a, b) => b[1].us - a[1].us)) {
  statements += n;
  sqlUs += us;
  console.log(`  ${(n / turns).toFixed(2).padStart(5)} × ${(us / n).toFixed(1).padStart(5)} µs  ${sql}`);
}
const totalUs = used.user + used.system;
console.log(
  `  ${(statements / turns).toFixed(1)} statements, ${(sqlUs / turns).toFixed(0)} µs of ${(totalUs / turns).toFixed(0)} µs CPU a turn`,
);

// Which b-tree each frame of one session's steps wrote (new pages have no owner in dbstat yet).
const owner = new Map<number, string>();
for (const r of store.db.prepare('SELECT name, pageno, pagetype FROM dbstat').all() as { name: string; pageno: number; pagetype: string }[])
  owner.set(r.pageno, r.pagetype === 'internal' ? `${r.name} (interior)` : r.name);
const wal = `${store.file.path}-wal`;
const pageSize = store.db.pragma('page_size', { simple: true }) as number;
await turn(5 + TURNS, (step, i, run) => {
  if (i !== Math.floor(SESSIONS / 2)) return run();
  const from = statSync(wal).size;
  // The checkpointer may start the WAL over meanwhile (its header's checkpoint sequence moves): then nothing is read.
  const sequence = () => readFileSync(wal).readUInt32BE(12);
  const before = sequence();
  run();
  if (sequence() !== before) return console.log(`  ${step}: the WAL started over meanwhile; frames not counted`);
  const frames = readFileSync(wal).subarray(from);
  const names = new Map<string, number>();
  let count = 0;
  for (let at = 0; at + 24 <= frames.length; at += 24 + pageSize, count++) {
    const page = frames.readUInt32BE(at);
    const name = owner.get(page) ?? 'new page';
    names.set(name, (names.get(name) ?? 0) + 1);
  }
  console.log(`  ${step}: ${count} WAL frames (${[...names].map(([name, n]) => `${name} ${n}`).join(', ')})`);
});
await server.close();
