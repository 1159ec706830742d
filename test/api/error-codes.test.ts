// Every error answer carries a stable machine `code` beside the message: {ok:false, error, code}.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts.close();
});

it('names the failure in `code`: app errors by class, validation, Fastify body errors, auth', async () => {
  const missing = await ts.call('GET', '/api/sessions/00000000-0000-4000-8000-000000000000');
  expect(missing).toEqual([404, { ok: false, error: expect.any(String), code: 'session_not_found' }]);
  const invalid = await ts.call('POST', '/api/codex/sessions/by-thread/019a0000-0000-7000-8000-0000000000e1/conclusion', {});
  expect(invalid).toEqual([400, { ok: false, error: expect.any(String), code: 'bad_request' }]);
  const badJson = await ts.api('/api/skills', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
  expect([badJson.status, await badJson.json()]).toEqual([400, { ok: false, error: expect.any(String), code: 'invalid_json' }]);
  const anonymous = await fetch(`${ts.apiUrl}/api/sessions`);
  expect([anonymous.status, await anonymous.json()]).toEqual([401, { ok: false, error: expect.any(String), code: 'unauthorized' }]);
});
