// Any thread's transcript, export and "Continue here" over the real server. The transcript and export read real
// rollouts placed in the rig's CODEX_HOME (the MCP-loop one reads as a conversation); Continue here resumes a real
// thread the real codex wrote, from a session Codex Pro Max no longer has, on the same thread.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../src/shared/api.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/rollouts');
const LOOP_THREAD = '01a2318e-e1b5-75d1-a56c-408f84ad2775';
let rig: Rig & ModelRig;

beforeAll(async () => {
  rig = await startRig({
    fakeModel: (req) => ({ steps: [{ type: 'message', text: `answer to: ${(req.lastUserText() ?? '').split('\n').at(-1)}` }] }),
  });
  const day = join(rig.codexHome, 'sessions', '2026', '12', '01');
  mkdirSync(day, { recursive: true });
  copyFileSync(join(FIXTURES, 'v0171-mcp-loop.jsonl'), join(day, `rollout-2026-12-01T12-22-57-${LOOP_THREAD}.jsonl`));
}, 120_000);
afterAll(() => rig?.close());

describe('transcript and export of any thread', () => {
  it('pages the transcript and decodes through the contract', async () => {
    const [status, body] = await rig.call('GET', `/api/history/threads/${LOOP_THREAD}/transcript`);
    expect(status).toBe(200);
    const { page } = api.historyTranscript.response.parse(body);
    expect(page.items.map((i) => i.kind)).toEqual([
      'prompt',
      'command',
      'files',
      'message',
      'prompt',
      'command',
      'files',
      'message',
      'message',
      'turn',
    ]);
    const at = page.items[4]!.offset;
    const [, around] = await rig.call('GET', `/api/history/threads/${LOOP_THREAD}/transcript?at=${at}&limit=2`);
    expect(around.page.anchor).toBe(at);
    expect(around.page.items.some((i: { offset: number }) => i.offset === at)).toBe(true);
    expect(around.page.hasEarlier).toBe(true);
    const [, earlier] = await rig.call('GET', `/api/history/threads/${LOOP_THREAD}/transcript?before=${around.page.start}`);
    expect(earlier.page.end).toBe(around.page.start);
  });

  it('answers bad cursors and unknown threads with codes', async () => {
    expect((await rig.call('GET', `/api/history/threads/${LOOP_THREAD}/transcript?before=-3`))[1].code).toBe('bad_request');
    const [status, body] = await rig.call('GET', '/api/history/threads/01a2318e-0000-7000-8000-000000000000/transcript');
    expect([status, body.code]).toEqual([404, 'rollout_not_found']);
  });

  it('exports an MCP-loop session as a conversation, the session and its latest turn', async () => {
    for (const scope of ['session', 'turn']) {
      const res = await rig.api(`/api/history/threads/${LOOP_THREAD}/export?scope=${scope}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="codex-.+\.md"$/);
      const md = await res.text();
      expect(md).toContain('> Prompt A: edit the first line');
      expect(md).toContain('### Conclusion');
      expect(md).toContain('Done: edited notes.md (the check exited 2).');
      expect(md).not.toMatch(/AI messages|None in this turn|"status":"instruction"/);
    }
  });
});

describe('Continue here', () => {
  it('continues a thread Codex Pro Max does not know, on the same thread, from the browser', async () => {
    const [s1, started] = await rig.call('POST', '/api/drive/sessions', { prompt: 'first prompt', cwd: rig.workDir, sandbox: 'read-only' });
    expect(s1).toBe(201);
    await rig.idle();
    const [, drive] = await rig.call('GET', `/api/sessions/${started.session.id}/drive`);
    const threadId = drive.drive.turns[0].threadId as string;
    expect((await rig.call('DELETE', `/api/sessions/${started.session.id}`))[0]).toBe(200);

    const [status, body] = await rig.call('POST', `/api/history/threads/${threadId}/continue`, { prompt: 'second prompt' });
    expect(status).toBe(201);
    const session = api.continueThread.response.parse(body).session;
    expect([session.kind, session.threadId, session.title]).toEqual(['driven', threadId, 'first prompt']);
    await rig.until('the continued turn', () =>
      rig.pushes.some((p) => p.type === 'drive.turn' && p.sessionId === session.id && p.turn.status === 'completed'),
    );
    await rig.idle();
    // The same thread went on: the model saw it, and its one rollout file now holds both prompts.
    const req = rig.model.requests.at(-1)!;
    expect(req.headers['thread-id'] ?? JSON.parse(String(req.headers['x-codex-turn-metadata'])).thread_id).toBe(threadId);
    const files = rig.rolloutFiles().filter((f) => f.includes(threadId));
    expect(files).toHaveLength(1);
    const rollout = readFileSync(join(rig.codexHome, 'sessions', files[0]!), 'utf8');
    expect(rollout).toContain('first prompt');
    expect(rollout).toContain('answer to: second prompt');
    const [, t] = await rig.call('GET', `/api/history/threads/${threadId}/transcript`);
    const texts = t.page.items
      .filter((i: { kind: string }) => i.kind === 'prompt' || i.kind === 'message')
      .map((i: { text: string }) => i.text);
    expect(texts).toEqual(['first prompt', 'answer to: first prompt', 'second prompt', 'answer to: second prompt']);

    // The thread now has a session: continuing again queues there instead of making another.
    const [again, next] = await rig.call('POST', `/api/history/threads/${threadId}/continue`, { prompt: 'third prompt' });
    expect(again).toBe(201);
    expect(next.session.id).toBe(session.id);
    await rig.until(
      'the third turn',
      () => rig.pushes.filter((p) => p.type === 'drive.turn' && p.sessionId === session.id && p.turn.status === 'completed').length === 2,
    );
    await rig.idle();
  });

  it('refuses an empty prompt', async () => {
    const [status, body] = await rig.call('POST', `/api/history/threads/${LOOP_THREAD}/continue`, { prompt: '  ' });
    expect([status, body.code]).toEqual([400, 'bad_request']);
  });
});
