// The queue's order against a model: random enqueues, edits, deletes, reorders and hand-off steps over two sessions
// leave every session's pending prompts in the order the model says, with distinct rising positions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import type { PromptId, SessionId, ThreadId } from '../shared/ids.js';
import type { PromptState } from '../shared/schemas.js';
import { Store } from './store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-queue-'));
  dirs.push(dir);
  return Store.open(join(dir, 'db.sqlite3'), (id: SessionId) => `/attachments/${id}`);
}

type Op =
  | { kind: 'enqueue' | 'claim' | 'hand' | 'deliver' | 'requeue'; session: number }
  | { kind: 'edit' | 'delete'; session: number; pick: number }
  | { kind: 'reorder'; session: number; keys: number[] };

const session = fc.integer({ min: 0, max: 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('enqueue' as const), session }) },
  fc.record({ kind: fc.constantFrom('claim' as const, 'hand' as const, 'deliver' as const, 'requeue' as const), session }),
  fc.record({ kind: fc.constantFrom('edit' as const, 'delete' as const), session, pick: fc.nat() }),
  fc.record({ kind: fc.constant('reorder' as const), session, keys: fc.array(fc.double({ noNaN: true }), { maxLength: 12 }) }),
);

interface Modelled {
  id: PromptId;
  state: PromptState;
}

it('keeps each session in model order through edits, reorders, deletes and hand-offs', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const store = openStore();
      const sessions = [0, 1].map((i) =>
        store.sessions.create({ threadId: `t-${i}` as ThreadId, kind: 'attached', title: 't', titleSource: 'user', status: 'RUNNING' }),
      );
      const model: Modelled[][] = [[], []];
      try {
        for (const o of ops) {
          const sessionId = sessions[o.session] as SessionId;
          const list = model[o.session] as Modelled[];
          const queued = list.filter((p) => p.state === 'queued');
          const first = (state: PromptState) => list.find((p) => p.state === state);
          switch (o.kind) {
            case 'enqueue':
              list.push({ id: store.prompts.enqueue(sessionId, 'p').id, state: 'queued' });
              break;
            case 'edit': {
              const target = queued[o.pick % Math.max(1, queued.length)];
              if (target) expect(store.prompts.edit(target.id, `edited ${o.pick}`)).toBe(true);
              break;
            }
            case 'delete': {
              const target = queued[o.pick % Math.max(1, queued.length)];
              if (!target) break;
              expect(store.prompts.delete(target.id)).toBe(true);
              list.splice(list.indexOf(target), 1);
              break;
            }
            case 'reorder': {
              const order = queued
                .map((p, i) => ({ p, key: o.keys[i] ?? i }))
                .sort((a, b) => a.key - b.key)
                .map((x) => x.p);
              store.tx(() =>
                store.prompts.reorder(
                  sessionId,
                  order.map((p) => p.id),
                ),
              );
              // Queued prompts swap slots among themselves; a prompt being handed keeps its place.
              let next = 0;
              list.forEach((p, i) => {
                if (p.state === 'queued') list[i] = order[next++] as Modelled;
              });
              break;
            }
            case 'claim':
            case 'hand':
            case 'requeue': {
              const [from, to]: [PromptState, PromptState] =
                o.kind === 'claim' ? ['queued', 'handing'] : o.kind === 'hand' ? ['handing', 'handed'] : ['handing', 'queued'];
              const target = first(from);
              if (!target) break;
              expect(store.prompts.setState(target.id, from, to)).toBe(true);
              target.state = to;
              break;
            }
            case 'deliver':
              store.prompts.deliverHanded(sessionId);
              model[o.session] = list.filter((p) => p.state !== 'handed');
              break;
          }
          sessions.forEach((id, i) => {
            const pending = store.prompts.pending(id);
            expect(pending.map((p) => [p.id, p.state])).toEqual((model[i] as Modelled[]).map((p) => [p.id, p.state]));
            const positions = pending.map((p) => p.position);
            expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
          });
        }
      } finally {
        store.close();
      }
    }),
    { numRuns: 40 },
  );
});

it('finds the next position with one index seek, not a scan of every prompt ever queued', () => {
  const store = openStore();
  const plan = store.db.prepare('EXPLAIN QUERY PLAN SELECT COALESCE(MAX(position), 0) + 1 FROM prompts WHERE session_id = ?').all('x') as {
    detail: string;
  }[];
  expect(plan.map((r) => r.detail).join(' | ')).toMatch(/^SEARCH prompts USING COVERING INDEX prompts_position \(session_id=\?\)$/);
  store.close();
});
