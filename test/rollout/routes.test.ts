// Rollout endpoints over a real server: locate by thread id, usage and activity snapshots, exports, and
// usage/activity pushes when Codex appends to the rollout of a running session.
import { appendFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rig, startRig } from '../helpers/rig.js';

const ID = '01a1ffb0-b59a-72f2-8388-10012d930c79';
const FIXTURE = join(import.meta.dirname, '../fixtures/rollouts/v0169-commands.jsonl');

let t: Rig;
let sessionId: string;
let rollout: string;
beforeAll(async () => {
  t = await startRig();
  const day = join(t.codexHome, 'sessions', '2026', '11', '21');
  mkdirSync(day, { recursive: true });
  rollout = join(day, `rollout-2026-11-21T19-58-53-${ID}.jsonl`);
  copyFileSync(FIXTURE, rollout);
  const [status, body] = await t.call('POST', `/api/codex/sessions/by-thread/${ID}`, { title: 'Rollout test' });
  expect(status).toBe(201);
  sessionId = body.session.id;
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/codex-live/rollout', () => {
  it('locates the file by thread id (path and query forms) and as plain text', async () => {
    const [status, body] = await t.call('GET', `/api/codex-live/rollout/${ID}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      codexThreadId: ID,
      rolloutPath: rollout,
      session: { fileName: `rollout-2026-11-21T19-58-53-${ID}.jsonl`, createdAtIso: '2026-11-21T19:58:53.338Z' },
    });
    const [, viaQuery] = await t.call('GET', `/api/codex-live/rollout?threadId=${ID}`);
    expect(viaQuery.rolloutPath).toBe(rollout);
    const res = await t.api(`/api/codex-live/rollout/${ID}?format=path`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toBe(rollout);
  });

  it('answers 404 with a helpful message for an unknown thread', async () => {
    const [status, body] = await t.call('GET', '/api/codex-live/rollout/01a1ffb0-0000-7000-8000-000000000000');
    expect(status).toBe(404);
    expect(body.error).toContain('archived_sessions');
  });
});

describe('session usage, activity and exports', () => {
  it('GET usage and activity give the latest turn', async () => {
    const [, u] = await t.call('GET', `/api/sessions/${sessionId}/usage`);
    expect(u.usage).toMatchObject({
      context: { used: 2230, window: 190000 },
      total: { inputTokens: 10700, cachedInputTokens: 9200 },
      lastTurn: { inputTokens: 6300, cachedInputTokens: 5700 },
    });
    const [, a] = await t.call('GET', `/api/sessions/${sessionId}/activity`);
    expect(a.activity.items.map((i: { kind: string }) => i.kind)).toEqual([
      'task',
      'user',
      'message',
      'file_change',
      'file_change',
      'message',
      'task',
    ]);
  });

  it('exports are Markdown attachments', async () => {
    for (const [path, expected] of [
      ['latest-ai-messages', 'now write notes.md'],
      ['session', 'run two commands'],
    ] as const) {
      const res = await t.api(`/api/sessions/${sessionId}/exports/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Rollout-test-.+\.md"$/);
      expect(await res.text()).toContain(expected);
    }
  });

  it('pushes usage and activity when Codex appends to the running session', async () => {
    const usage = t.nextPush((m) => m.type === 'usage.updated' && m.sessionId === sessionId && m.usage.total?.inputTokens === 99999);
    const activity = t.nextPush(
      (m) => m.type === 'activity.appended' && m.sessionId === sessionId && m.items.some((i) => i.kind === 'message' && i.text === 'live!'),
    );
    const at = new Date().toISOString();
    const tokenCount = {
      timestamp: at,
      type: 'event_msg',
      payload: {
        type: 'token_count',
        info: {
          total_token_usage: { input_tokens: 99999, output_tokens: 1, total_tokens: 100000 },
          last_token_usage: { input_tokens: 5000, output_tokens: 1, total_tokens: 5001 },
          model_context_window: 190000,
        },
        rate_limits: null,
      },
    };
    const message = {
      timestamp: at,
      type: 'event_msg',
      payload: { type: 'item_completed', item: { type: 'AgentMessage', id: 'm', content: [{ type: 'Text', text: 'live!' }] } },
    };
    const lines = `${JSON.stringify(tokenCount)}\n${JSON.stringify(message)}\n`;
    // Split across two writes, mid-line.
    appendFileSync(rollout, lines.slice(0, 50));
    appendFileSync(rollout, lines.slice(50));
    const [u, a] = await Promise.all([usage, activity]);
    expect(u.type === 'usage.updated' && u.usage.context).toEqual({ used: 5001, window: 190000, percent: 2.6 });
    expect(a.type).toBe('activity.appended');
  });
});
