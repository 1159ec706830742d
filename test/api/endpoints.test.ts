// Every browser- and Codex-facing endpoint: the happy path, each error path, and garbage that must never give a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const THREAD = '019a0000-0000-7000-8000-0000000000c1';
const MISSING = '00000000-0000-4000-8000-000000000000';
let ts: TestServer;
let sessionId: string;

beforeAll(async () => {
  ts = await startTestServer();
  const [, body] = await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}`, { displayName: 'Legacy name' });
  sessionId = body.session.id;
});
afterAll(async () => {
  await ts.close();
});

function expectError(status: number, body: any, expected: number, pattern?: RegExp) {
  expect(status).toBe(expected);
  expect(body.ok).toBe(false);
  expect(typeof body.error).toBe('string');
  if (pattern) expect(body.error).toMatch(pattern);
}

describe('health', () => {
  it('answers /api/health with paths and version', async () => {
    const [status, body] = await ts.call('GET', '/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, service: 'codex-pro-max', dataRoot: ts.dataRoot, apiUrl: ts.apiUrl, uiUrl: ts.uiUrl });
  });
});

describe('Codex-facing endpoints', () => {
  it('normalises compact and quoted thread ids', async () => {
    const compact = THREAD.replace(/-/g, '').toUpperCase();
    const [, body] = await ts.call('GET', `/api/codex/sessions/by-thread/${compact}`);
    expect(body.session.id).toBe(sessionId);
    const [, quoted] = await ts.call('GET', `/api/codex/sessions/by-thread/${encodeURIComponent(`"${THREAD}"`)}`);
    expect(quoted.session.id).toBe(sessionId);
  });

  it('supports the legacy create body', async () => {
    const [status, body] = await ts.call('POST', '/api/codex/sessions', { codexThreadId: THREAD, displayName: 'Legacy name' });
    expect(status).toBe(201);
    expect(body.session).toMatchObject({ id: sessionId, title: 'Legacy name' });
  });

  it('rejects bad thread ids and bodies with 400', async () => {
    expectError(...(await ts.call('POST', '/api/codex/sessions/by-thread/a%2Fb')), 400, /thread id/);
    expectError(...(await ts.call('POST', '/api/codex/sessions', {})), 400);
    expectError(...(await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}/conclusion`, {})), 400, /content/);
    expectError(...(await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}/conclusion`, { content: '   ' })), 400, /empty/);
    expectError(...(await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}/wait`, { timeoutMs: -5 })), 400);
    expectError(...(await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}/wait`, { timeoutMs: 'soon' })), 400);
  });

  it('404s an unknown thread on GET', async () => {
    expectError(...(await ts.call('GET', `/api/codex/sessions/by-thread/${MISSING}`)), 404, /not found/);
  });

  it('keeps conclusion text exactly, JSON and fences included', async () => {
    const content = '```json\n{"a": "&amp; <b>"}\n```\n\\n literal';
    const [status, body] = await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}/conclusion`, { content });
    expect(status).toBe(201);
    expect(body.conclusion.content).toBe(content);
  });
});

describe('sessions', () => {
  it('lists, reads, renames, marks read and clears', async () => {
    const [, list] = await ts.call('GET', '/api/sessions');
    expect(list.sessions.map((s: { id: string }) => s.id)).toContain(sessionId);
    const [, renamed] = await ts.call('PATCH', `/api/sessions/${sessionId}`, { title: 'Parser work' });
    expect(renamed.session).toMatchObject({ title: 'Parser work', titleSource: 'user' });
    // Codex cannot overwrite a name the person chose.
    const [, reattached] = await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}`, { title: 'Codex title' });
    expect(reattached.session.title).toBe('Parser work');
    const [, read] = await ts.call('POST', `/api/sessions/${sessionId}/read`);
    expect(read.session.unread).toBe(false);
    const [, cleared] = await ts.call('DELETE', `/api/sessions/${sessionId}/messages`);
    expect(cleared.session.timeline).toEqual([]);
    const [, events] = await ts.call('GET', `/api/sessions/${sessionId}/events`);
    expect(events.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['session.created', 'conversation.cleared']));
  });

  it('rejects bad session ids and missing sessions', async () => {
    expectError(...(await ts.call('GET', '/api/sessions/not-a-uuid')), 400, /session id/);
    expectError(...(await ts.call('GET', `/api/sessions/${MISSING}`)), 404);
    expectError(...(await ts.call('PATCH', `/api/sessions/${sessionId}`, { title: '' })), 400, /empty/);
    expectError(...(await ts.call('PATCH', `/api/sessions/${sessionId}`, { title: 'x'.repeat(300) })), 400);
    expectError(...(await ts.call('POST', `/api/sessions/${MISSING}/stop`)), 404);
    expectError(...(await ts.call('POST', `/api/sessions/${MISSING}/prompts`, { content: 'hi' })), 404);
    expectError(...(await ts.call('POST', `/api/sessions/by-thread/${MISSING}/stop`)), 404);
  });

  it('stops and deletes by thread id', async () => {
    const thread = '019a0000-0000-7000-8000-0000000000c2';
    await ts.call('POST', `/api/codex/sessions/by-thread/${thread}`, {});
    const [, stopped] = await ts.call('POST', `/api/sessions/by-thread/${thread}/stop`);
    expect(stopped.session.status).toBe('STOPPED');
    const [, queued] = await ts.call('POST', `/api/sessions/by-thread/${thread}/prompts`, { content: 'resume' });
    expect(queued.session.status).toBe('RUNNING');
    const [status, deleted] = await ts.call('DELETE', `/api/sessions/by-thread/${thread}`);
    expect(status).toBe(200);
    expect(deleted.deleted).toBe(true);
    expectError(...(await ts.call('GET', `/api/codex/sessions/by-thread/${thread}`)), 404);
  });
});

describe('the queue', () => {
  it('still answers at the /instructions paths clients used before the rename', async () => {
    const [status, body] = await ts.call('POST', `/api/sessions/${sessionId}/instructions`, { content: 'old client' });
    expect(status).toBe(201);
    const [, edited] = await ts.call('PATCH', `/api/sessions/${sessionId}/instructions/${body.prompt.id}`, {
      content: 'old client, edited',
    });
    expect(edited.session.queue.map((q: { content: string }) => q.content)).toContain('old client, edited');
    const [, del] = await ts.call('DELETE', `/api/sessions/${sessionId}/instructions/${body.prompt.id}`);
    expect(del.deletedPrompt.content).toBe('old client, edited');
  });

  it('edits, deletes and reorders queued prompts', async () => {
    const ids: string[] = [];
    for (const content of ['one', 'two', 'three']) {
      const [status, body] = await ts.call('POST', `/api/sessions/${sessionId}/prompts`, { content });
      expect(status).toBe(201);
      ids.push(body.prompt.id);
    }
    const [, edited] = await ts.call('PATCH', `/api/sessions/${sessionId}/prompts/${ids[1]}`, { content: 'two, edited' });
    expect(edited.prompt.content).toBe('two, edited');
    const [, reordered] = await ts.call('PUT', `/api/sessions/${sessionId}/prompts/order`, { order: [ids[2], ids[0], ids[1]] });
    expect(reordered.queue.map((q: { content: string }) => q.content)).toEqual(['three', 'one', 'two, edited']);
    expectError(...(await ts.call('PUT', `/api/sessions/${sessionId}/prompts/order`, { order: [ids[0]] })), 409, /changed/);
    const [, del] = await ts.call('DELETE', `/api/sessions/${sessionId}/prompts/${ids[0]}`);
    expect(del).toMatchObject({ ok: true, deleted: true, deletedPrompt: { content: 'one' } });
    expectError(...(await ts.call('DELETE', `/api/sessions/${sessionId}/prompts/${ids[0]}`)), 404);
    const [, w] = await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}/wait`, { timeoutMs: 500 });
    expect(w.instruction.content).toBe('three');
    // Once handed to Codex it can no longer change.
    expectError(...(await ts.call('PATCH', `/api/sessions/${sessionId}/prompts/${ids[2]}`, { content: 'late' })), 409, /already handed/);
    expectError(...(await ts.call('DELETE', `/api/sessions/${sessionId}/prompts/${ids[2]}`)), 409);
    await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}/conclusion`, { content: 'done three' });
    await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}/wait`, { timeoutMs: 500 });
    await ts.call('POST', `/api/codex/sessions/by-thread/${THREAD}/conclusion`, { content: 'done two' });
  });

  it('refuses a 101st queued prompt with 409', async () => {
    const [, created] = await ts.call('POST', '/api/codex/sessions/by-thread/019a0000-0000-7000-8000-0000000000c3', {});
    const id = created.session.id;
    for (let i = 0; i < 100; i++) await ts.call('POST', `/api/sessions/${id}/prompts`, { content: `p${i}` });
    expectError(...(await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'one too many' })), 409, /100 queued/);
  });

  it('rejects bad prompt ids', async () => {
    expectError(...(await ts.call('PATCH', `/api/sessions/${sessionId}/prompts/xyz`, { content: 'a' })), 400);
    expectError(...(await ts.call('PATCH', `/api/sessions/${sessionId}/prompts/${MISSING}`, { content: 'a' })), 404);
  });
});

describe('attachments', () => {
  it('uploads, lists, downloads, de-duplicates names and deletes', async () => {
    const upload = async (name: string, text: string) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'text/plain' }), name);
      const res = await ts.api(`/api/sessions/${sessionId}/attachments`, { method: 'POST', body: form });
      return [res.status, await res.json()] as const;
    };
    const [s1, a1] = await upload('notes.txt', 'hello');
    expect(s1).toBe(201);
    const [, a2] = await upload('notes.txt', 'again');
    expect(a2.attachment.name).toBe('notes (2).txt');
    const [, evil] = await upload('../../etc/passwd', 'x');
    expect(evil.attachment.name).toBe('passwd');
    expect(evil.attachment.path.startsWith(`${ts.dataRoot.replace(/\\/g, '/')}/attachments/${sessionId}/`)).toBe(true);
    const [, list] = await ts.call('GET', `/api/sessions/${sessionId}/attachments`);
    expect(list.attachments.map((a: { name: string }) => a.name)).toEqual(['notes.txt', 'notes (2).txt', 'passwd']);
    const dl = await ts.api(`/api/sessions/${sessionId}/attachments/${a1.attachment.id}`);
    expect(dl.headers.get('content-disposition')).toContain('filename="notes.txt"');
    expect(await dl.text()).toBe('hello');
    const [, del] = await ts.call('DELETE', `/api/sessions/${sessionId}/attachments/${a1.attachment.id}`);
    expect(del.deletedAttachment.name).toBe('notes.txt');
    expectError(...(await ts.call('GET', `/api/sessions/${sessionId}/attachments/${a1.attachment.id}`)), 404);
    expectError(...(await ts.call('DELETE', `/api/sessions/${sessionId}/attachments/${a1.attachment.id}`)), 404);
  });

  it('names parallel uploads of one file apart instead of refusing one', async () => {
    const upload = () => {
      const form = new FormData();
      form.append('file', new Blob(['same'], { type: 'text/plain' }), 'same.txt');
      return ts.api(`/api/sessions/${sessionId}/attachments`, { method: 'POST', body: form });
    };
    const results = await Promise.all([upload(), upload(), upload()]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const names = (await Promise.all(results.map((r) => r.json()))).map((b) => b.attachment.name).sort();
    expect(names).toEqual(['same (2).txt', 'same (3).txt', 'same.txt']);
  });

  it('explains a wrong upload', async () => {
    expectError(...(await ts.call('POST', `/api/sessions/${sessionId}/attachments`, { file: 'x' })), 400, /multipart/);
    const form = new FormData();
    form.append('other', new Blob(['x']), 'x.txt');
    const res = await ts.api(`/api/sessions/${sessionId}/attachments`, { method: 'POST', body: form });
    expectError(res.status, await res.json(), 400, /"file"/);
  });
});

describe('slash prompts', () => {
  it('creates, lists, edits and deletes; refuses duplicates and bad names', async () => {
    const [status, created] = await ts.call('POST', '/api/skills', { name: 'Plan-First', content: 'Plan before you code.' });
    expect(status).toBe(201);
    expect(created.skill.name).toBe('plan-first');
    expectError(...(await ts.call('POST', '/api/skills', { name: 'plan-first', content: 'dup' })), 409, /already exists/);
    expectError(...(await ts.call('POST', '/api/skills', { name: 'has space', content: 'x' })), 400, /lowercase/);
    expectError(...(await ts.call('POST', '/api/skills', { name: 'ok' })), 400);
    const [, edited] = await ts.call('PATCH', `/api/skills/${created.skill.id}`, { content: 'Plan, then code.' });
    expect(edited.skill.content).toBe('Plan, then code.');
    const [, list] = await ts.call('GET', '/api/skills');
    expect(list.skills.map((s: { name: string }) => s.name)).toEqual(['plan-first']);
    const [, del] = await ts.call('DELETE', `/api/skills/${created.skill.id}`);
    expect(del.deletedSkill.name).toBe('plan-first');
    expectError(...(await ts.call('DELETE', `/api/skills/${created.skill.id}`)), 404);
    expectError(...(await ts.call('PATCH', `/api/skills/${MISSING}`, { content: 'x' })), 404);
  });
});

describe('no input gives a 500', () => {
  const garbage: unknown[] = [
    null,
    42,
    'text',
    [],
    [1, 2],
    { content: 42 },
    { content: null },
    { title: {} },
    { order: 'x' },
    { name: [] },
    { timeoutMs: 1e12 },
  ];
  const routes: [string, string][] = [
    ['POST', `/api/codex/sessions/by-thread/${THREAD}`],
    ['POST', '/api/codex/sessions'],
    ['POST', `/api/codex/sessions/by-thread/${THREAD}/conclusion`],
    ['POST', `/api/sessions/SID/prompts`],
    ['PATCH', `/api/sessions/SID`],
    ['PUT', `/api/sessions/SID/prompts/order`],
    ['POST', '/api/skills'],
    ['PATCH', `/api/sessions/SID/prompts/${MISSING}`],
  ];
  it('answers every garbage body with a 4xx JSON error', async () => {
    for (const [method, template] of routes) {
      const path = template.replace('SID', sessionId);
      for (const body of garbage) {
        const res = await ts.api(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        const label = `${method} ${path} ${JSON.stringify(body)}`;
        expect(res.status, label).toBeLessThan(500);
        // The create call's body is optional and extra keys are ignored, so only objects of the wrong shape fail there.
        if (
          !path.endsWith(THREAD) ||
          typeof body !== 'object' ||
          Array.isArray(body) ||
          (body as { title?: unknown })?.title !== undefined
        ) {
          expect(res.status, label).toBeGreaterThanOrEqual(400);
          expect((await res.json()).ok).toBe(false);
        }
      }
      for (const [body, type] of [
        ['{not json', 'application/json'],
        ['', 'application/json'],
        ['plain', 'text/plain'],
        ['<x/>', 'application/xml'],
      ]) {
        const res = await ts.api(path, { method, body, headers: { 'content-type': type as string } });
        expect(res.status, `${method} ${path} ${type} ${body}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    }
  });

  it('answers unknown routes with a JSON 404', async () => {
    const [status, body] = await ts.call('GET', '/api/nope');
    expectError(status, body, 404, /no GET \/api\/nope/);
  });

  it('answers an oversized body with 413', async () => {
    const res = await ts.api(`/api/sessions/${sessionId}/prompts`, { method: 'POST', json: { content: 'x'.repeat(5 * 1024 * 1024) } });
    expect(res.status).toBe(413);
  });
});
