// Running sessions whose rollout is not written yet cost one shared sweep with a backoff, not a lookup per session
// per second; a rollout that appears later is still found (the History index announces it) and followed (usage
// pushed). Real server, real files.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Rig, startRig } from '../helpers/rig.js';
import { until } from '../helpers/until.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/rollouts/v0169-commands.jsonl');
// UUIDv7 ids born 2026-11-21 (UTC): Codex files them under sessions/2026/11/21.
const idOf = (n: number) => `01a1ffb0-b59a-72f2-8388-${String(n).padStart(12, '0')}`;

let t: Rig;
beforeAll(async () => {
  t = await startRig();
});
afterAll(async () => {
  await t?.close();
});

it('sweeps for all missing rollouts at once, backing off, and follows one that appears later', async () => {
  const { rollout } = t.server.ctx;
  const passes: number[] = [];
  const findMany = rollout.finder.findMany.bind(rollout.finder);
  rollout.finder.findMany = (ids, options) => {
    passes.push(ids.length);
    return findMany(ids, options);
  };
  const sessions: string[] = [];
  for (let i = 1; i <= 20; i++) {
    const [status, body] = await t.call('POST', `/api/codex/sessions/by-thread/${idOf(i)}`, { title: `silent ${i}` });
    expect(status).toBe(201);
    sessions.push(body.session.id);
  }
  // Three sweeps take about 0 + 1 + 2 s; a lookup per session per second would have made ~60 by then.
  // No push announces a sweep that found nothing, so this one polls.
  await until('three sweeps', () => rollout.missing.sweeps >= 3, 20_000);
  const started = passes.length;
  expect(started).toBeLessThanOrEqual(20 + 3); // each attach may start its own first look before the gap applies
  expect(rollout.missing.size).toBe(20);
  expect(rollout.polled).toBe(0); // no timer per silent session either

  // The History index reads the new rollout first and names its thread, so the sweep need not wait for its backoff.
  const announced: string[] = [];
  const lookFor = rollout.missing.lookFor.bind(rollout.missing);
  rollout.missing.lookFor = (ids) => {
    announced.push(...ids);
    lookFor(ids);
  };
  const usage = t.nextPush((p) => p.type === 'usage.updated' && p.sessionId === sessions[6], 15_000);
  const day = join(t.codexHome, 'sessions', '2026', '11', '21');
  mkdirSync(day, { recursive: true });
  copyFileSync(FIXTURE, join(day, `rollout-2026-11-21T19-58-53-${idOf(7)}.jsonl`));
  await usage; // the backoff is at 4 s here, its bound 60 s
  await until('History to announce the rollout', () => announced.includes(idOf(7)), 10_000);
  expect(rollout.missing.size).toBe(19);
  expect(rollout.missing.has(sessions[6] as never)).toBe(false);
  expect(rollout.polled).toBe(1);
  // Between the third sweep and the find, at most a few passes ran, each one for every missing session.
  expect(passes.length - started).toBeLessThanOrEqual(3);
});
