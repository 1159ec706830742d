// The conversation export over a real server when Codex has written no rollout: nothing at all is a 404 with a code
// (so the UI can say so instead of starting a download that fails); a timeline alone still exports, with a note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Rig, startRig } from '../helpers/rig.js';

const THREAD = '01a1ffb0-e4e4-7e4e-8e4e-00000000e4e4';
let t: Rig;
let sessionId: string;

beforeAll(async () => {
  t = await startRig();
  const [status, body] = await t.call('POST', `/api/codex/sessions/by-thread/${THREAD}`, { title: 'No rollout' });
  expect(status).toBe(201);
  sessionId = body.session.id;
});
afterAll(async () => {
  await t?.close();
});

describe('export without a rollout', () => {
  it('answers 404 nothing_to_export, as JSON, when there is no rollout and no timeline', async () => {
    for (const path of ['latest-ai-messages', 'session']) {
      const res = await t.api(`/api/sessions/${sessionId}/exports/${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.headers.get('content-disposition')).toBeNull();
      const body = await res.json();
      expect(body).toMatchObject({ ok: false, code: 'nothing_to_export' });
      expect(body.error).toContain('nothing to export');
    }
    const [status, work] = await t.call('GET', `/api/sessions/${sessionId}/work`);
    expect([status, work]).toEqual([200, { ok: true, work: [] }]);
  });

  it('exports the timeline alone once there is one, saying Codex’s log was not found', async () => {
    const [status] = await t.call('POST', `/api/codex/sessions/by-thread/${THREAD}/conclusion`, {
      content: 'Checked the config: all good.',
    });
    expect(status).toBeLessThan(300);
    const res = await t.api(`/api/sessions/${sessionId}/exports/session`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="No-rollout-conversation-.+\.md"$/);
    const md = await res.text();
    expect(md).toContain('# No rollout');
    expect(md).toContain("Codex's log: not found");
    expect(md).toContain('## Conclusion 1');
    expect(md).toContain('Checked the config: all good.');
  });

  it('an unknown session is session_not_found, not an empty export', async () => {
    const [status, body] = await t.call('GET', '/api/sessions/00000000-0000-4000-8000-000000000000/exports/session');
    expect(status).toBe(404);
    expect(body.code).toBe('session_not_found');
  });
});
