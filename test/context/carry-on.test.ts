// Carrying context on (issue 16, items 1–4), end to end: the real Codex daemon (newest Codex) against the fake model,
// real HTTP and SQLite. A groomed export is one throwaway driven turn whose answer is the document; verbatim keeps the
// newest items within its budget; a merge names every source; a new session starts from the document and links back;
// a fork keeps Codex's own history (the fake model sees the earlier turns); a prompt that cannot fit is refused.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARRY_LEAD, estimateTokens, GROOMING_PROMPT } from '../../src/shared/context.js';
import type { SessionId } from '../../src/shared/ids.js';
import { CODEX_VERSIONS, type CodexVersion } from '../fixtures/codex-env.js';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';

const GROOMED = (names: string[]) => `## Goal\nGROOMED-DOC covering ${names.join(' + ')}\n\n## Last state\nAll done.`;

function script(req: ModelRequest): ModelReply {
  const text = req.lastUserText() ?? '';
  if (text.startsWith(GROOMING_PROMPT)) {
    const names = [...text.matchAll(/^## Source \d+: (.+)$/gm)].map((m) => m[1] as string);
    return { steps: [{ type: 'message', text: GROOMED(names) }], usage: { input: 900, output: 57, reasoning: 7 } };
  }
  const big = /BIG (\d)/.exec(text)?.[1];
  if (big) return { steps: [{ type: 'message', text: `ANSWER-${big} ${'lorem ipsum '.repeat(160)}` }], usage: { input: 100, output: 500 } };
  return { steps: [{ type: 'message', text: `reply: ${text.split('\n')[0]}` }], usage: { input: 100, output: 20 } };
}

describe.each(CODEX_VERSIONS)('carrying context on, codex %s', (version: CodexVersion) => {
  let rig: Rig & ModelRig;
  let alpha: SessionId;
  let big: SessionId;

  beforeAll(async () => {
    rig = await startRig({ codexVersion: version, daemon: true, fakeModel: script });
    await rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
    // Two sessions to carry on: one short, one of four long turns.
    const start = async (prompt: string, title: string) => {
      const [status, answer] = await rig.call('POST', '/api/drive/sessions', { cwd: rig.workDir, sandbox: 'read-only', prompt, title });
      expect(status).toBe(201);
      return answer.session.id as SessionId;
    };
    alpha = await start('ALPHA build the parser', 'Alpha parser');
    big = await start('BIG 1', 'Big answers');
    await rig.call('POST', `/api/sessions/${big}/prompts/batch`, { contents: ['BIG 2', 'BIG 3', 'BIG 4'] });
    await rig.until(
      'both sessions to finish',
      () =>
        rig.server.ctx.drive.repo.turns(big).filter((t) => t.status === 'completed').length === 4 && !rig.server.ctx.drive.isRunning(alpha),
      60_000,
    );
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  const preview = async (body: Record<string, unknown>) => {
    const [status, answer] = await rig.call('POST', '/api/context/preview', body);
    expect(status, JSON.stringify(answer)).toBe(200);
    return answer as { preview: any; fits: boolean };
  };
  const sessionCount = async () => (await rig.call('GET', '/api/sessions'))[1].sessions.length as number;

  describe('context for transfer', () => {
    it('groomed: one throwaway turn with the fixed prompt; its answer is the document, counted from usage', async () => {
      const before = { sessions: await sessionCount(), rollouts: rig.rolloutFiles().length };
      const { preview: p, fits } = await preview({ sources: [{ sessionId: alpha }], form: 'groomed' });
      const asked = rig.model.requests.find((r) => r.lastUserText()?.startsWith(GROOMING_PROMPT));
      expect(asked?.lastUserText()).toContain('ALPHA build the parser');
      expect(p.document).toBe(GROOMED(['Alpha parser']));
      expect(p).toMatchObject({ form: 'groomed', engine: 'daemon', groomingPrompt: GROOMING_PROMPT });
      // 57 output tokens, 7 of them reasoning: the document is the rest.
      expect(p.tokens).toMatchObject({ count: 50, estimated: false });
      expect(p.tokens.contextWindow).toBeGreaterThan(100_000);
      expect(fits).toBe(true);
      // The grooming thread was a throwaway: no session for it, no rollout written.
      expect(await sessionCount()).toBe(before.sessions);
      expect(rig.rolloutFiles().length).toBe(before.rollouts);
    }, 60_000);

    it('verbatim: within the budget, the newest items kept', async () => {
      const { preview: all } = await preview({ sources: [{ sessionId: big }], form: 'verbatim', budgetTokens: 50_000 });
      for (const n of [1, 2, 3, 4]) expect(all.document).toContain(`ANSWER-${n}`);
      expect(all.omittedItems).toBe(0);

      const { preview: p } = await preview({ sources: [{ sessionId: big }], form: 'verbatim', budgetTokens: 1500 });
      expect(estimateTokens(p.document)).toBeLessThanOrEqual(1500);
      expect(p.tokens).toMatchObject({ count: estimateTokens(p.document), estimated: true });
      // The transcript keeps the newest turn's answer and leaves the oldest out (the head's last state quotes the newest too).
      const transcript = p.document.slice(p.document.indexOf('### Transcript'));
      expect(transcript).toContain('ANSWER-4');
      expect(transcript).not.toContain('ANSWER-1');
      expect(p.document).not.toContain('ANSWER-1');
      expect(p.omittedItems).toBeGreaterThan(0);
      expect(p.document).toContain('### Goal');
      expect(p.document).toContain('> BIG 1');
    }, 30_000);

    it('reads a thread only History knows (no session of ours), by its thread id', async () => {
      const thread = '01a1ffb0-b59a-72f2-8388-10012d930c79';
      const day = join(rig.codexHome, 'sessions', '2026', '11', '21');
      mkdirSync(day, { recursive: true });
      copyFileSync(
        join(import.meta.dirname, '../fixtures/rollouts/v0169-commands.jsonl'),
        join(day, `rollout-2026-11-21T19-58-53-${thread}.jsonl`),
      );
      const { preview: p } = await preview({ sources: [{ threadId: thread }], form: 'verbatim' });
      expect(p.sources).toEqual([{ sessionId: null, threadId: thread, title: expect.any(String) }]);
      expect(p.document).toContain('### Goal\n\n> run two commands');
      expect(p.document).toContain('echo hello-rollout');
    }, 30_000);

    it('merges two sessions (a turn range of one) naming both, verbatim and groomed', async () => {
      const sources = [{ sessionId: alpha }, { sessionId: big, fromTurn: 2, toTurn: 3 }];
      const { preview: v } = await preview({ sources, form: 'verbatim', budgetTokens: 50_000 });
      expect(v.document).toContain('## Source 1: Alpha parser');
      expect(v.document).toContain('## Source 2: Big answers');
      expect(v.document).toContain('turns 2–3 of 4');
      expect(v.document).toContain('ANSWER-2');
      expect(v.document).toContain('ANSWER-3');
      expect(v.document).not.toContain('ANSWER-1');
      expect(v.document).not.toContain('ANSWER-4');
      expect(v.sources.map((s: any) => s.title)).toEqual(['Alpha parser', 'Big answers']);

      const { preview: g } = await preview({ sources, form: 'groomed', budgetTokens: 50_000 });
      expect(g.document).toBe(GROOMED(['Alpha parser', 'Big answers']));
    }, 60_000);
  });

  describe('starting from it', () => {
    it('starts a new session whose first prompt is the context plus the new prompt, linked both ways', async () => {
      const { preview: p } = await preview({ sources: [{ sessionId: alpha }], form: 'verbatim' });
      const carried = rig.nextPush((m) => m.type === 'context.carried');
      const [status, answer] = await rig.call('POST', '/api/context/start', { previewId: p.id, prompt: 'NEXT write the tests' });
      expect(status, JSON.stringify(answer)).toBe(201);
      const id = answer.session.id as SessionId;
      expect(await carried).toMatchObject({ sessionId: id, link: { sessionId: id, form: 'verbatim' } });
      const request = await rig.until('the new session to reach the model', () =>
        rig.model.requests.find((r) => r.lastUserText()?.includes('NEXT write the tests')),
      );
      const sent = request.lastUserText() as string;
      expect(sent.startsWith(CARRY_LEAD)).toBe(true);
      expect(sent).toContain(p.document.trimEnd());
      expect(sent.indexOf(p.document.trimEnd())).toBeLessThan(sent.indexOf('NEXT write the tests'));

      const [, from] = await rig.call('GET', `/api/context/links?sessionId=${id}`);
      expect(from.links.carriedFrom).toMatchObject({ form: 'verbatim', sources: [{ sessionId: alpha, title: 'Alpha parser' }] });
      const [, on] = await rig.call('GET', `/api/context/links?sessionId=${alpha}`);
      expect(on.links.carriedOn.map((l: any) => l.sessionId)).toContain(id);
      // A History thread shows it too, by its thread id.
      const thread = rig.server.ctx.delivery.summary(alpha).threadId;
      const [, byThread] = await rig.call('GET', `/api/context/links?threadId=${thread}`);
      expect(byThread.links.carriedOn.map((l: any) => l.sessionId)).toContain(id);
      await rig.idle();
    }, 60_000);

    it("forks a thread in the daemon: the fork's next turn carries the earlier turns", async () => {
      const source = rig.server.ctx.delivery.summary(alpha);
      const { preview: p } = await preview({ sources: [{ sessionId: alpha }], form: 'fork' });
      expect(p.tokens.estimated).toBe(false);
      expect(p.tokens.count).toBeGreaterThan(0);
      const [status, answer] = await rig.call('POST', '/api/context/start', { previewId: p.id, prompt: 'FORKED carry on' });
      expect(status, JSON.stringify(answer)).toBe(201);
      const id = answer.session.id as SessionId;
      const request = await rig.until('the fork to reach the model', () =>
        rig.model.requests.find((r) => r.lastUserText() === 'FORKED carry on'),
      );
      const input = JSON.stringify(request.input);
      expect(input).toContain('ALPHA build the parser');
      expect(input).toContain('reply: ALPHA build the parser');
      await rig.idle();
      const forked = rig.server.ctx.delivery.summary(id);
      expect(forked.threadId).not.toBeNull();
      expect(forked.threadId).not.toBe(source.threadId);
      expect(forked.latestConclusion).toBe('reply: FORKED carry on');
      // The fork's thread joined its session; the daemon's news of it made no second one.
      expect(rig.server.ctx.store.sessions.idByThread(forked.threadId!)).toBe(id);
      const [, links] = await rig.call('GET', `/api/context/links?sessionId=${id}`);
      expect(links.links.carriedFrom).toMatchObject({ form: 'fork', sources: [{ sessionId: alpha }] });
    }, 60_000);

    it('refuses, with a code and the figures, a start that cannot fit the context window', async () => {
      const { preview: p } = await preview({ sources: [{ sessionId: alpha }], form: 'verbatim' });
      const before = await sessionCount();
      const huge = 'word '.repeat(220_000);
      const [status, answer] = await rig.call('POST', '/api/context/start', { previewId: p.id, prompt: huge });
      expect(status).toBe(422);
      expect(answer.code).toBe('context_too_large');
      expect(answer.error).toMatch(/context window of [\d,]+/);
      const { preview: f } = await preview({ sources: [{ sessionId: alpha }], form: 'fork' });
      const [forkStatus, forkAnswer] = await rig.call('POST', '/api/context/start', { previewId: f.id, prompt: huge });
      expect([forkStatus, forkAnswer.code]).toEqual([422, 'context_too_large']);
      expect(await sessionCount()).toBe(before);
      // A thread without a rollout anywhere, and a preview nobody made, are answered, not crashes.
      const [missing, missingAnswer] = await rig.call('POST', '/api/context/preview', {
        sources: [{ threadId: '01a1ffb0-0000-7000-8000-000000000000' }],
      });
      expect([missing, missingAnswer.code]).toEqual([404, 'rollout_not_found']);
      const [gone, goneAnswer] = await rig.call('POST', '/api/context/start', { previewId: 'nope', prompt: 'x' });
      expect([gone, goneAnswer.code]).toEqual([404, 'not_found']);
    }, 30_000);
  });
});
