// History over real HTTP on a real server, indexing rollouts the real Codex binaries (0.169 and 0.171) wrote while
// talking to the fake model: the prompt, the agent's message and the command are found in their fields, what the
// command printed is not, and every answer and push decodes against the shared contract.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, decodeAnswer } from '../../src/shared/api.js';
import { pushEnvelopeSchema } from '../../src/shared/push.js';
import { CODEX_VERSIONS, type CodexVersion, execArgs, runCodex } from '../fixtures/codex-env.js';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { until } from '../helpers/until.js';

/** "RUN <word>": run a command whose output holds a word the command line does not, then answer. */
function script(req: ModelRequest): ModelReply {
  const text = req.lastUserText() ?? '';
  const word = /RUN (\w+)/.exec(text)?.[1] ?? 'none';
  if (req.input.at(-1)?.type === 'message') {
    return { steps: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: `echo $((6*7))${word}out # ${word}cmd` } }] };
  }
  return { steps: [{ type: 'message', text: `All done with ${word}answer.` }] };
}

let rig: Rig & ModelRig;
const threads = new Map<CodexVersion, string>();

const get = async <E extends (typeof api)[keyof typeof api]>(endpoint: E, path: string) => {
  const res = await rig.api(path);
  return { status: res.status, body: decodeAnswer(endpoint, res.status, await res.json()) };
};

beforeAll(async () => {
  rig = (await startRig({ fakeModel: script })) as Rig & ModelRig;
  for (const version of CODEX_VERSIONS) {
    const word = `v${version.replaceAll('.', '')}`;
    const result = await runCodex(execArgs(`RUN ${word}`), { codexHome: rig.codexHome, version, cwd: rig.workDir });
    expect(result.code, result.stderr).toBe(0);
    const started = result.events.find((e) => e.type === 'thread.started');
    threads.set(version, started.thread_id);
  }
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

describe('History over HTTP, on the real Codex binaries’ rollouts', () => {
  it('finds the prompt, the message and the command in their fields, never the command’s output', { timeout: 60_000 }, async () => {
    for (const version of CODEX_VERSIONS) {
      const word = `v${version.replaceAll('.', '')}`;
      const threadId = threads.get(version);
      const search = async (q: string, field?: string) =>
        (await get(api.historySearch, `/api/history/search?q=${encodeURIComponent(q)}${field ? `&field=${field}` : ''}`)).body;
      await until(`${version}'s rollout in the index`, async () => (await search(`${word}answer`, 'messages')).hits.length === 1, 20_000);
      for (const [q, field] of [
        [`RUN ${word}`, 'prompts'],
        [`${word}answer`, 'messages'],
        [`${word}cmd`, 'commands'],
      ] as const) {
        const found = await search(q, field);
        expect(
          found.hits.map((h) => [h.threadId, h.field, h.turnIndex]),
          `${version}: ${q}`,
        ).toEqual([[threadId, field, 0]]);
        expect(found.sessions.map((s) => s.threadId)).toEqual([threadId]);
      }
      expect((await search(`42${word}out`)).hits, `${version}: the command's output`).toEqual([]);
      const { body } = await get(api.historySession, `/api/history/sessions/${threadId}`);
      expect(body.session).toMatchObject({
        threadId,
        originator: 'exec',
        originatorRaw: 'codex_exec',
        cliVersion: version,
        cwd: rig.workDir,
        turns: 1,
        archived: false,
        title: `RUN ${word}`,
      });
      expect(body.session.tokens).toBeGreaterThan(0);
    }
  });

  it('lists, pages, filters and reports status through the contract', async () => {
    const all = await get(api.historySessions, '/api/history/sessions?limit=1');
    expect(all.body.total).toBe(2);
    expect(all.body.sessions).toHaveLength(1);
    expect(all.body.status.state).toBe('ready');
    const next = await get(api.historySessions, `/api/history/sessions?limit=1&cursor=${all.body.nextCursor}`);
    expect(next.body.nextCursor).toBeNull();
    expect(new Set([...all.body.sessions, ...next.body.sessions].map((s) => s.threadId))).toEqual(new Set(threads.values()));
    expect((await get(api.historySessions, '/api/history/sessions?originator=terminal,ide')).body.total).toBe(0);
    expect((await get(api.historySessions, '/api/history/sessions?archived=only')).body.total).toBe(0);
    const projects = await get(api.historyProjects, '/api/history/projects');
    expect(projects.body.projects.map((p) => p.sessions)).toEqual([2]);
    // The index holds what the person typed: private like the rest of the data root.
    for (const suffix of ['', '-wal', '-shm']) expect(statSync(join(rig.dataRoot, `history.sqlite3${suffix}`)).mode & 0o777).toBe(0o600);
    const status = await get(api.historyStatus, '/api/history/status');
    expect(status.body.status).toMatchObject({
      state: 'ready',
      sessions: 2,
      unreadableFiles: 0,
      homes: [{ codexHome: rig.codexHome, sessions: 2, exists: true }],
    });
  });

  it('answers bad input and unknown threads with their codes', async () => {
    const [missing, body] = await rig.call('GET', '/api/history/sessions/01a1ffb0-0000-7000-8000-000000000000');
    expect([missing, body.code]).toEqual([404, 'history_session_not_found']);
    const [empty, emptyBody] = await rig.call('GET', '/api/history/search?q=%20');
    expect([empty, emptyBody.code]).toEqual([400, 'bad_request']);
    const [bad, badBody] = await rig.call('GET', '/api/history/sessions?originator=robot');
    expect([bad, badBody.code]).toEqual([400, 'bad_request']);
  });

  it('keeps extra Codex homes as a setting', async () => {
    const [status, body] = await rig.call('PUT', '/api/history/homes', { extraHomes: ['/nowhere/codex-home'] });
    expect(status).toBe(200);
    expect(decodeAnswer(api.setHistoryHomes, status, body).homes).toMatchObject({
      primary: rig.codexHome,
      extraHomes: ['/nowhere/codex-home'],
    });
    await until('the missing home in the status', async () => {
      const s = (await get(api.historyStatus, '/api/history/status')).body.status;
      return s.homes.some((h) => h.codexHome === '/nowhere/codex-home' && !h.exists);
    });
  });

  it('pushes progress and changes that decode against the push contract', () => {
    const history = rig.pushes.filter((p) => p.type.startsWith('history.'));
    expect(history.some((p) => p.type === 'history.progress' && p.status.state === 'ready')).toBe(true);
    expect(history.some((p) => p.type === 'history.changed' && p.upserted.length > 0)).toBe(true);
    for (const p of history) expect(pushEnvelopeSchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(JSON.parse(JSON.stringify(p)));
  });
});
