// The delivery guarantees over real HTTP: FIFO, long-poll wake-up, redelivery, disconnect-requeue, concurrent waiters, stop, resume.
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { until } from '../helpers/until.js';

const THREAD = '019a0000-0000-7000-8000-000000000001';
let ts: TestServer;

beforeEach(async () => {
  ts = await startTestServer();
});
afterEach(async () => {
  await ts.close();
});

const codex = (suffix = '') => `/api/codex/sessions/by-thread/${THREAD}${suffix}`;
const wait = (body: object = {}) => ts.call('POST', codex('/wait'), body);

async function attach(): Promise<string> {
  const [status, body] = await ts.call('POST', codex(), { title: 'Fix the parser' });
  expect(status).toBe(201);
  return body.session.id;
}

/** Everything here happens in-process on loopback, so five seconds is ample. */
const waitFor = <T>(what: string, probe: () => Promise<T | undefined | false>) => until(what, probe, 5_000);

describe('the attach loop', () => {
  it('creates a session without a rollout file and shows the conclusion', async () => {
    const id = await attach();
    const [, concluded] = await ts.call('POST', codex('/conclusion'), { content: '# Done\nAll tests pass.' });
    expect(concluded.conclusion.content).toBe('# Done\nAll tests pass.');
    expect(concluded.session.status).toBe('WAITING_FOR_INSTRUCTION');
    const [, list] = await ts.call('GET', '/api/sessions');
    expect(list.sessions).toHaveLength(1);
    expect(list.sessions[0]).toMatchObject({ id, title: 'Fix the parser', unread: true, latestConclusion: '# Done\nAll tests pass.' });
  });

  it('returns a queued prompt at once, strictly first-in first-out, even in the same millisecond', async () => {
    const id = await attach();
    const texts = Array.from({ length: 20 }, (_, i) => `prompt ${i}`);
    await Promise.all(texts.map((content) => ts.call('POST', `/api/sessions/${id}/prompts`, { content })));
    // Sent concurrently: the server's arrival order is the order to keep, so read it back and compare deliveries to it.
    const [, detail] = await ts.call('GET', `/api/sessions/${id}`);
    const queuedOrder = detail.session.queue.map((q: { content: string }) => q.content);
    expect([...queuedOrder].sort()).toEqual([...texts].sort());
    const delivered: string[] = [];
    for (let i = 0; i < texts.length; i++) {
      const [, w] = await wait({ timeoutMs: 1000 });
      expect(w.status).toBe('instruction');
      delivered.push(w.instruction.content);
      await ts.call('POST', codex('/conclusion'), { content: `did ${w.instruction.content}` });
    }
    expect(delivered).toEqual(queuedOrder);
  });

  it('keeps order for prompts queued one after another', async () => {
    const id = await attach();
    for (const content of ['first', 'second', 'third']) await ts.call('POST', `/api/sessions/${id}/prompts`, { content });
    const got: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [, w] = await wait({ timeoutMs: 1000, acknowledge: undefined });
      got.push(w.instruction.content);
      await ts.call('POST', codex('/conclusion'), { content: 'ok' });
    }
    expect(got).toEqual(['first', 'second', 'third']);
  });

  it('blocks until a prompt is queued, then wakes the waiter', async () => {
    const id = await attach();
    const pending = wait({ timeoutMs: 10_000 });
    await waitFor(
      'waiting status',
      async () => (await ts.call('GET', `/api/sessions/${id}`))[1].session.status === 'WAITING_FOR_INSTRUCTION',
    );
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'go on' });
    const [, w] = await pending;
    expect(w).toMatchObject({ status: 'instruction', timedOut: false, stopped: false });
    expect(w.instruction.content).toBe('go on');
    const [, detail] = await waitFor('running after handoff', async () => {
      const r = await ts.call('GET', `/api/sessions/${id}`);
      return r[1].session.status === 'RUNNING' && r;
    });
    expect(detail.session.timeline.map((e: { role: string; content: string }) => [e.role, e.content])).toEqual([['user', 'go on']]);
  });

  it('says "nothing yet" when the caller bound passes', async () => {
    await attach();
    const started = Date.now();
    const [status, w] = await wait({ timeoutMs: 200 });
    expect(status).toBe(200);
    expect(w).toMatchObject({ status: 'no_instruction_yet', timedOut: true, instruction: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('also accepts the bound as ?timeoutMs=', async () => {
    await attach();
    const res = await ts.api(`${codex('/wait')}?timeoutMs=50`, { method: 'POST' });
    expect((await res.json()).status).toBe('no_instruction_yet');
  });

  it('returns the same prompt again to a repeated wait until Codex concludes', async () => {
    const id = await attach();
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'only once' });
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'next' });
    const [, first] = await wait({ timeoutMs: 500 });
    await waitFor('handed state', async () => (await ts.call('GET', `/api/sessions/${id}`))[1].session.queue[0].state === 'handed');
    const [, again] = await wait({ timeoutMs: 500 });
    expect(again.instruction.id).toBe(first.instruction.id);
    await ts.call('POST', codex('/conclusion'), { content: 'done' });
    const [, after] = await wait({ timeoutMs: 500 });
    expect(after.instruction.content).toBe('next');
    const [, detail] = await ts.call('GET', `/api/sessions/${id}`);
    expect(detail.session.timeline.filter((e: { role: string }) => e.role === 'user')).toHaveLength(2);
  });

  it('moves on when the waiter acknowledges the prompt it got', async () => {
    const id = await attach();
    for (const content of ['a', 'b']) await ts.call('POST', `/api/sessions/${id}/prompts`, { content });
    const [, first] = await wait({ timeoutMs: 500 });
    await waitFor('handed state', async () => (await ts.call('GET', `/api/sessions/${id}`))[1].session.queue[0].state === 'handed');
    const [, second] = await wait({ timeoutMs: 500, acknowledge: first.instruction.id });
    expect(second.instruction.content).toBe('b');
  });

  it('puts a prompt back at the head of the queue when the waiter disconnects before the answer is written', async () => {
    const id = await attach();
    const url = new URL(`${ts.apiUrl}${codex('/wait')}`);
    // A raw request we can destroy while it is blocked in the long poll.
    const req = httpRequest(url, { method: 'POST', headers: { authorization: `Bearer ${ts.token}`, 'content-type': 'application/json' } });
    req.on('error', () => {});
    req.end(JSON.stringify({ timeoutMs: 10_000 }));
    await waitFor('waiting', async () => (await ts.call('GET', `/api/sessions/${id}`))[1].session.status === 'WAITING_FOR_INSTRUCTION');
    req.destroy();
    await waitFor('waiter gone', async () => ts.server.ctx.delivery.waiterCount(id as never) === 0);
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'first' });
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'second' });
    const [, w] = await wait({ timeoutMs: 500 });
    expect(w.instruction.content).toBe('first');
  });

  it('requeues a prompt whose answer could not be written', async () => {
    const id = await attach();
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'precious' });
    const delivery = ts.server.ctx.delivery;
    const outcome = await delivery.wait(THREAD as never, { timeoutMs: 500 });
    expect(outcome.instruction?.content).toBe('precious');
    outcome.handoff?.abandon();
    const [, detail] = await ts.call('GET', `/api/sessions/${id}`);
    expect(detail.session.queue).toMatchObject([{ content: 'precious', state: 'queued' }]);
    expect(detail.session.timeline).toEqual([]);
    const [, w] = await wait({ timeoutMs: 500 });
    expect(w.instruction.content).toBe('precious');
  });

  it('never hands one prompt to two concurrent waiters', async () => {
    const id = await attach();
    const a = wait({ timeoutMs: 1500 });
    const b = wait({ timeoutMs: 1500 });
    await waitFor('two waiters', async () => ts.server.ctx.delivery.waiterCount(id as never) === 2);
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'one' });
    const results = (await Promise.all([a, b])).map(([, w]) => w);
    const got = results.filter((w) => w.status === 'instruction');
    expect(got).toHaveLength(1);
    expect(results.filter((w) => w.status === 'no_instruction_yet')).toHaveLength(1);
  });

  it('gives two queued prompts to two concurrent waiters, one each', async () => {
    const id = await attach();
    const a = wait({ timeoutMs: 3000 });
    const b = wait({ timeoutMs: 3000 });
    await waitFor('two waiters', async () => ts.server.ctx.delivery.waiterCount(id as never) === 2);
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'x' });
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'y' });
    const contents = (await Promise.all([a, b])).map(([, w]) => w.instruction?.content).sort();
    expect(contents).toEqual(['x', 'y']);
  });

  it('adds absolute paths for @mentioned attachments', async () => {
    const id = await attach();
    const form = new FormData();
    form.append('file', new Blob(['a,b\n1,2\n'], { type: 'text/csv' }), 'data.csv');
    const up = await ts.api(`/api/sessions/${id}/attachments`, { method: 'POST', body: form });
    expect(up.status).toBe(201);
    const { attachment } = await up.json();
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'Summarise @data.csv please' });
    const [, w] = await wait({ timeoutMs: 500 });
    expect(w.instruction.text).toBe('Summarise @data.csv please');
    expect(w.instruction.content).toContain(`- @data.csv: ${attachment.path}`);
    expect(w.instruction.attachments).toEqual([{ id: attachment.id, name: 'data.csv', path: attachment.path, mimeType: 'text/csv' }]);
    expect(attachment.path.startsWith(ts.dataRoot.replace(/\\/g, '/'))).toBe(true);
  });
});

describe('stop and resume', () => {
  it('wakes every waiter with "stopped" and does not answer repeated waits instantly', async () => {
    const id = await attach();
    const a = wait({ timeoutMs: 5000 });
    const b = wait({ timeoutMs: 5000 });
    await waitFor('two waiters', async () => ts.server.ctx.delivery.waiterCount(id as never) === 2);
    const [, stopped] = await ts.call('POST', `/api/sessions/${id}/stop`);
    expect(stopped.session.status).toBe('STOPPED');
    for (const [, w] of await Promise.all([a, b])) expect(w).toMatchObject({ status: 'stopped', stopped: true, instruction: null });
    // A Codex that ignores "stopped" and waits again is held, not answered in a tight loop.
    const started = Date.now();
    const [, again] = await wait({ timeoutMs: 300 });
    expect(again.status).toBe('stopped');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('reports the stop once to a Codex that was not waiting', async () => {
    const id = await attach();
    await ts.call('POST', `/api/sessions/${id}/stop`);
    const started = Date.now();
    const [, w] = await wait({ timeoutMs: 5000 });
    expect(w.status).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('resumes from the browser: queueing into a stopped session delivers to the next wait', async () => {
    const id = await attach();
    await ts.call('POST', `/api/sessions/${id}/stop`);
    await wait({ timeoutMs: 100 });
    const held = wait({ timeoutMs: 5000 });
    await waitFor('held waiter', async () => ts.server.ctx.delivery.waiterCount(id as never) === 1);
    const [, queued] = await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'carry on' });
    expect(queued.session.status).toBe('RUNNING');
    const [, w] = await held;
    expect(w).toMatchObject({ status: 'instruction', instruction: { content: 'carry on' } });
  });

  it('resumes from Codex: attaching again sets RUNNING', async () => {
    const id = await attach();
    await ts.call('POST', `/api/sessions/${id}/stop`);
    const [, again] = await ts.call('POST', codex(), {});
    expect(again.session).toMatchObject({ id, status: 'RUNNING' });
  });

  it('keeps queued prompts across a stop', async () => {
    const id = await attach();
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'kept' });
    await ts.call('POST', `/api/sessions/${id}/stop`);
    const [, detail] = await ts.call('GET', `/api/sessions/${id}`);
    expect(detail.session.queue.map((q: { content: string }) => q.content)).toEqual(['kept']);
  });

  it('tells waiters to end the loop when the session is deleted', async () => {
    const id = await attach();
    const pending = wait({ timeoutMs: 5000 });
    await waitFor('waiter', async () => ts.server.ctx.delivery.waiterCount(id as never) === 1);
    await ts.call('DELETE', `/api/sessions/${id}`);
    const [, w] = await pending;
    expect(w.status).toBe('stopped');
    expect(w.message).toMatch(/deleted/);
  });
});

describe('titles', () => {
  it('names an untitled session after its first conclusion, then its first prompt; a given title wins', async () => {
    const thread = '019a0000-0000-7000-8000-0000000000d1';
    const [, created] = await ts.call('POST', `/api/codex/sessions/by-thread/${thread}`, {});
    const id = created.session.id;
    expect(created.session.title).toMatch(/^Codex thread 019a0000/);
    const [, concluded] = await ts.call('POST', `/api/codex/sessions/by-thread/${thread}/conclusion`, {
      content: '## Refactored the *parser*\nDetails…',
    });
    expect(concluded.session.title).toBe('Refactored the *parser*');
    await ts.call('POST', `/api/sessions/${id}/prompts`, { content: 'Now add tests for the tokenizer' });
    await ts.call('POST', `/api/codex/sessions/by-thread/${thread}/wait`, { timeoutMs: 500 });
    const [, detail] = await waitFor('prompt title', async () => {
      const r = await ts.call('GET', `/api/sessions/${id}`);
      return r[1].session.titleSource === 'prompt' && r;
    });
    expect(detail.session.title).toBe('Now add tests for the tokenizer');
    const [, named] = await ts.call('POST', `/api/codex/sessions/by-thread/${thread}`, { title: 'Tokenizer work' });
    expect(named.session.title).toBe('Tokenizer work');
  });
});
