// A driven session whose thread a terminal has since resumed (`codex resume <id>`, held by the daemon): a prompt from
// the browser runs in the daemon, shows in that terminal, and no "already has an active writer" error reaches the
// person — drive mode runs its turns inside the daemon (the daemon engine), never a second Codex on the thread. Real
// daemon, real TUI, both Codex versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionId } from '../../src/shared/ids.js';
import { CODEX_VERSIONS, type CodexVersion } from '../fixtures/codex-env.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';
import { startTui, type Tui } from '../helpers/tui.js';

describe.skipIf(process.platform === 'win32').each(CODEX_VERSIONS)(
  'continuing a driven thread a terminal holds, codex %s',
  (version: CodexVersion) => {
    let rig: Rig & ModelRig;
    let tui: Tui | undefined;

    beforeAll(async () => {
      rig = await startRig({
        codexVersion: version,
        daemon: true,
        fakeModel: (req) => ({ steps: [{ type: 'message', text: `reply: ${(req.lastUserText() ?? '').split('\n')[0]}` }] }),
      });
    }, 120_000);
    afterAll(async () => {
      tui?.kill();
      await rig?.close();
    }, 60_000);

    it('runs the prompt in the daemon, visible in the terminal, with no second writer', async () => {
      const [status, body] = await rig.call('POST', '/api/drive/sessions', {
        prompt: 'driven first',
        cwd: rig.workDir,
        sandbox: 'read-only',
      });
      expect(status).toBe(201);
      const sessionId = body.session.id as SessionId;
      await rig.until(
        'the driven turn',
        () => rig.pushes.some((p) => p.type === 'drive.turn' && p.sessionId === sessionId && p.turn.status === 'completed'),
        60_000,
      );
      await rig.idle();
      const summary = () => rig.server.ctx.delivery.summary(sessionId);
      const threadId = summary().threadId as string;
      expect(threadId).toBeTruthy();

      tui = startTui({
        version,
        codexHome: rig.codexHome,
        cwd: rig.workDir,
        args: ['resume', threadId, '-a', 'on-request', '-s', 'read-only'],
      });
      await tui.waitFor('reply: driven first', 60_000);
      await rig.until('the daemon to hold the thread', () => summary().live && summary().live?.status !== 'closed', 60_000);

      const [queued, q] = await rig.call('POST', `/api/sessions/${sessionId}/prompts`, { content: 'from the browser, to the terminal' });
      expect(queued).toBe(201);
      await tui.waitFor('reply: from the browser, to the terminal', 60_000);
      await rig.until('the prompt to be delivered', () => rig.server.ctx.store.prompts.get(q.prompt.id)?.state === 'delivered', 60_000);
      expect(rig.model.requests.filter((r) => r.lastUserText() === 'from the browser, to the terminal')).toHaveLength(1);
      const turns = (await rig.call('GET', `/api/sessions/${sessionId}/drive`))[1].drive.turns as {
        status: string;
        engine: string;
        error: string | null;
      }[];
      // Both turns ran inside the daemon: the first before the terminal opened the thread, the second beside it.
      expect(turns.map((t) => [t.status, t.engine])).toEqual([
        ['completed', 'daemon'],
        ['completed', 'daemon'],
      ]);
      expect(JSON.stringify(rig.pushes)).not.toContain('active writer');
      expect(summary().status).not.toBe('ERROR');
    }, 240_000);
  },
);
