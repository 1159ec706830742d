// The helper script stays free of dependencies, so it cannot import the shared contract: this test reads what it
// calls and what it reads back, and checks each against src/shared/api.ts, so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { api, type Endpoint } from '../../src/shared/api.js';

const SCRIPT = readFileSync(join(import.meta.dirname, '..', '..', 'skill', 'codex-pro-max', 'scripts', 'cpm.mjs'), 'utf8');
const THREAD_BASE = '/api/codex/sessions/by-thread/:threadId';

function endpointFor(method: string, path: string): Endpoint | undefined {
  return Object.values(api).find((e: Endpoint) => e.method === method && e.path === path);
}

/** Whether `schema` (an object, possibly nested) has the property path `dotted`. */
function hasField(schema: z.ZodType, dotted: string): boolean {
  let current: z.ZodType | undefined = schema;
  for (const key of dotted.split('.')) {
    while (current && 'unwrap' in current && typeof (current as { unwrap?: unknown }).unwrap === 'function') {
      current = (current as unknown as { unwrap(): z.ZodType }).unwrap();
    }
    const shape: Record<string, z.ZodType> | undefined = (current as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
    current = shape?.[key];
    if (!current) return false;
  }
  return true;
}

describe('the helper script against the contract', () => {
  const calls = [...SCRIPT.matchAll(/request\('(\w+)', threadPath\(opts(?:, '([^']*)')?\)/g)].map((m) => ({
    method: m[1] as string,
    path: `${THREAD_BASE}${m[2] ?? ''}`,
  }));

  it('calls only endpoints the contract declares, with their methods', () => {
    expect(calls.map((c) => `${c.method} ${c.path}`).sort()).toEqual([
      `POST ${THREAD_BASE}`,
      `POST ${THREAD_BASE}/conclusion`,
      `POST ${THREAD_BASE}/wait`,
    ]);
    for (const call of calls) expect(endpointFor(call.method, call.path), `${call.method} ${call.path}`).toBeDefined();
  });

  it('reads only fields those answers have', () => {
    const attach = endpointFor('POST', THREAD_BASE)?.response as z.ZodType;
    const wait = endpointFor('POST', `${THREAD_BASE}/wait`)?.response as z.ZodType;
    const readsFromWait = [...new Set([...SCRIPT.matchAll(/\bresult\.([a-zA-Z.]+)/g)].map((m) => m[1] as string))];
    const readsFromAttach = [...new Set([...SCRIPT.matchAll(/\bdata\.(session\.[a-zA-Z.]+)/g)].map((m) => m[1] as string))];
    expect(readsFromWait).toEqual(expect.arrayContaining(['status', 'instruction', 'instruction.id', 'instruction.content', 'message']));
    expect(readsFromAttach).toContain('session.title');
    for (const field of readsFromWait) expect(hasField(wait, field), `wait answer has ${field}`).toBe(true);
    for (const field of readsFromAttach) expect(hasField(attach, field), `attach answer has ${field}`).toBe(true);
  });

  it('sends the conclusion body the contract takes, request id included', () => {
    const conclude = api.conclude.body;
    expect(SCRIPT).toMatch(/const body = \{ content, requestId: randomUUID\(\) \}/);
    expect(conclude.safeParse({ content: 'done', requestId: 'a0b1' }).success).toBe(true);
  });
});
