// End to end: the same loop through the skill's helper script (exec_command running node cpm.mjs), with codex at
// full access; and in the default sandbox the helper explains that the sandbox blocks it (exit code 5). Both read
// Codex's exec_command output and sandbox, so both run on every supported version.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CODEX_VERSIONS, type CodexVersion, execArgs, runCodex, spawnCodex } from '../fixtures/codex-env.js';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { type LoopRig, lastCall, startLoopRig } from './loop-support.js';

const shell = (cmd: string, yieldMs = 10_000): ModelReply => ({
  steps: [{ type: 'function_call', name: 'exec_command', arguments: { cmd, yield_time_ms: yieldMs } }],
});
const say = (text: string): ModelReply => ({ steps: [{ type: 'message', text }] });
const exitCode = (output: string | undefined) => Number(/Process exited with code (-?\d+)/.exec(output ?? '')?.[1] ?? Number.NaN);

describe.each(CODEX_VERSIONS)('the Codex Pro Max loop through the helper script, codex %s', (version: CodexVersion) => {
  let rig: LoopRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  const cpmOf = (r: LoopRig) => join(r.codexHome, 'skills', 'codex-pro-max', 'scripts', 'cpm.mjs').replace(/\\/g, '/');

  it('runs start, conclude and wait (polled with write_stdin) and ends with exit code 0 on stop', async () => {
    let cpm = '';
    // A model that follows SKILL.md's helper prompts literally.
    const play = (req: ModelRequest): ModelReply => {
      const last = lastCall(req);
      const out = req.lastToolOutput();
      if (!last) return shell(`node "${cpm}" start --title "Helper loop"`);
      const session = /Process running with session ID (\d+)/.exec(out ?? '')?.[1];
      if (session)
        return {
          steps: [
            { type: 'function_call', name: 'write_stdin', arguments: { session_id: Number(session), chars: '', yield_time_ms: 30_000 } },
          ],
        };
      const cmd = String(last.args.cmd ?? '');
      const code = exitCode(out);
      if (cmd.includes(' start'))
        return code === 0 ? shell(`node "${cpm}" conclude <<'CPM_EOF'\nHelper conclusion 1\nCPM_EOF`) : say(`start failed: ${out}`);
      if (cmd.includes(' conclude')) return code === 0 ? shell(`node "${cpm}" wait`, 500) : say(`conclude failed: ${out}`);
      // The result of wait (directly or through write_stdin).
      if (code === 0) {
        const prompt = /=== Codex Pro Max: next prompt \(id [^)]+\) ===\n([\s\S]*?)\n=== end of prompt ===/.exec(out ?? '')?.[1];
        return shell(`node "${cpm}" conclude <<'CPM_EOF'\nDone: ${prompt}\nCPM_EOF`);
      }
      if (code === 3) return say('Helper loop ended; final answer.');
      if (code === 4) return shell(`node "${cpm}" wait`, 500);
      return say(`Unexpected: ${out}`);
    };
    rig = await startLoopRig(play);
    cpm = cpmOf(rig);
    const { model, changes } = rig;
    const { delivery } = rig.server.ctx;
    const codex = spawnCodex(execArgs('Use the Codex Pro Max helper.', ['--dangerously-bypass-approvals-and-sandbox']), {
      codexHome: rig.codexHome,
      cwd: rig.workDir,
      version,
      env: { CODEX_PRO_MAX_ROOT: rig.dataRoot },
      timeoutMs: 150_000,
    });

    await rig.until('helper conclusion 1 to be stored', () =>
      changes.some((c) => c.type === 'conclusion.stored' && c.session?.latestConclusion?.trim() === 'Helper conclusion 1'),
    );
    const [, listed] = await rig.call('GET', '/api/sessions');
    const session = listed.sessions.find((s: any) => s.latestConclusion?.trim() === 'Helper conclusion 1');
    expect(session.title).toBe('Helper loop');
    expect(model.requests[0]?.headers['user-agent']).toContain(`codex_exec/${version} `);
    // Queue only once "wait" is running in the background, so the model has to poll it with write_stdin.
    await rig.until('wait running under exec_command', () =>
      model.requests.some((r) => /Process running with session ID/.test(r.lastToolOutput() ?? '')),
    );
    await rig.call('POST', `/api/sessions/${session.id}/prompts`, { content: 'Helper prompt 1' });
    const got = await rig.until('the prompt in a model request', () =>
      model.requests.find((r) => r.lastToolOutput()?.includes('Helper prompt 1')),
    );
    expect(got.lastToolOutput()).toContain('=== end of prompt ===');
    expect(lastCall(got)?.name).toBe('write_stdin');

    await rig.until(
      'Codex waiting again after "Done: Helper prompt 1"',
      () => delivery.summary(session.id).latestConclusion?.trim() === 'Done: Helper prompt 1' && delivery.waiterCount(session.id) > 0,
    );
    await rig.call('POST', `/api/sessions/${session.id}/stop`);
    const result = await codex.done;
    expect(result.code, result.stderr).toBe(0);
    const items = result.events.filter((e) => e.type === 'item.completed').map((e) => e.item);
    expect(items.at(-1)).toMatchObject({ type: 'agent_message', text: 'Helper loop ended; final answer.' });
    const [, detail] = await rig.call('GET', `/api/sessions/${session.id}`);
    expect(detail.session.timeline.map((e: any) => `${e.role}: ${e.content.trim()}`)).toEqual([
      'codex: Helper conclusion 1',
      'user: Helper prompt 1',
      'codex: Done: Helper prompt 1',
    ]);
  }, 180_000);

  it('in the default sandbox, the helper exits 5 and explains that the sandbox blocks it', async () => {
    let cpm = '';
    const play = (req: ModelRequest): ModelReply => (lastCall(req) ? say('ok') : shell(`node "${cpm}" start`));
    rig = await startLoopRig(play);
    cpm = cpmOf(rig);
    const result = await runCodex(execArgs('Try the helper.'), {
      codexHome: rig.codexHome,
      cwd: rig.workDir,
      version,
      env: { CODEX_PRO_MAX_ROOT: rig.dataRoot },
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
    // What the model saw. (codex 0.169 does not always emit a command_execution item for a command that exits
    // within the same instant it starts, so the exec event stream is not the thing to check.)
    const output = rig.model.requests.at(-1)?.lastToolOutput() ?? '';
    expect(output).toContain('Process exited with code 5');
    expect(output).toContain('sandbox blocks network connections');
    expect(output).toContain('codex_pro_max MCP tools');
    const [, body] = await rig.call('GET', '/api/sessions');
    expect(body.sessions).toEqual([]);
  }, 90_000);
});
