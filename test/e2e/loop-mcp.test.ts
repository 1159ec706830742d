// End to end: the real codex, in its default sandbox, follows the loop through the codex_pro_max MCP tools that
// `codex-pro-max setup` registered; prompts queued through the API reach the model in order; stop ends codex with 0.
// What depends on how Codex runs MCP servers (tool namespace, start-up wait, tool timeout) runs on every supported
// version; what only tests our server's timing runs on the newest.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CODEX_VERSIONS, type CodexVersion, execArgs, NEWEST_CODEX, spawnCodex } from '../fixtures/codex-env.js';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { gate } from '../helpers/until.js';
import { BIN, type LoopRig, lastCall, mcpResult, startLoopRig } from './loop-support.js';

const NS = 'mcp__codex_pro_max';
const call = (name: string, args: unknown): ModelReply => ({ steps: [{ type: 'function_call', namespace: NS, name, arguments: args }] });
const say = (text: string): ModelReply => ({ steps: [{ type: 'message', text }] });

let rig: LoopRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** A model that waits for prompts only (start_session, then wait_for_instruction whenever nothing came). */
const waiter =
  (onResult?: (output: string) => void) =>
  (req: ModelRequest): ModelReply => {
    const last = lastCall(req);
    if (!last) return call('start_session', { title: 'Waiting model' });
    if (last.name === 'start_session') return call('submit_conclusion', { conclusion: 'Ready' });
    const output = req.lastToolOutput() ?? '';
    onResult?.(output);
    const result = mcpResult(output);
    if (result?.status === 'instruction') return call('submit_conclusion', { conclusion: `Done: ${result.instruction.content}` });
    if (result?.status === 'stopped') return say('Stopped; final answer.');
    // "no_instruction_yet", or a tool error such as Codex's own timeout: wait again.
    return call('wait_for_instruction', {});
  };

async function queueAndStop(r: LoopRig, prompt: string, ready: () => boolean) {
  const { delivery, store } = r.server.ctx;
  const session = await r.until('the session', () => store.sessions.list()[0]);
  await r.until('the model to have waited', ready, 60_000);
  await r.call('POST', `/api/sessions/${session.id}/prompts`, { content: prompt });
  await r.until('the prompt to reach the model', () =>
    r.model.requests.some((q) => mcpResult(q.lastToolOutput())?.instruction?.content === prompt),
  );
  await r.until(
    'Codex waiting again',
    () => delivery.summary(session.id).latestConclusion === `Done: ${prompt}` && delivery.waiterCount(session.id) > 0,
  );
  await r.call('POST', `/api/sessions/${session.id}/stop`);
  return session;
}

describe.each(CODEX_VERSIONS)('the Codex Pro Max loop through MCP (default sandbox), codex %s', (version: CodexVersion) => {
  it('concludes, receives queued prompts in order, and ends with exit code 0 on stop', async () => {
    const holdA = gate();
    // A model that follows the SKILL.md loop literally.
    const play = async (req: ModelRequest): Promise<ModelReply> => {
      const last = lastCall(req);
      if (!last) return call('start_session', { title: 'E2E loop' });
      if (last.name === 'start_session')
        return { steps: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'echo task-one-done', yield_time_ms: 5000 } }] };
      if (last.name === 'exec_command') return call('submit_conclusion', { conclusion: 'Conclusion 1' });
      const result = mcpResult(req.lastToolOutput());
      if (result?.status === 'instruction') {
        if (result.instruction.content === 'Prompt A') await holdA.wait;
        return call('submit_conclusion', { conclusion: `Done: ${result.instruction.content}` });
      }
      if (result?.status === 'no_instruction_yet') return call('wait_for_instruction', {});
      if (result?.status === 'stopped') return say('Loop ended; here is my final answer.');
      return say(`Unexpected tool result: ${req.lastToolOutput()}`);
    };
    rig = await startLoopRig(play);
    const { model, changes } = rig;
    const { delivery } = rig.server.ctx;

    const codex = spawnCodex(execArgs('Work on this with Codex Pro Max.'), {
      codexHome: rig.codexHome,
      cwd: rig.workDir,
      version,
      timeoutMs: 150_000,
    });

    // Conclusion 1 shows up in the API.
    await rig.until('conclusion 1 to be stored', () =>
      changes.some((c) => c.type === 'conclusion.stored' && c.session?.latestConclusion === 'Conclusion 1'),
    );
    const [, listed] = await rig.call('GET', '/api/sessions');
    const session = listed.sessions.find((s: any) => s.latestConclusion === 'Conclusion 1');
    const threadId = model.requests[0]?.headers['thread-id'];
    expect(session).toMatchObject({ title: 'E2E loop', threadId });

    // The model really got the MCP tools as a namespace, and ran in the default (not full-access) sandbox.
    const first = model.requests[0];
    expect(first?.headers['user-agent']).toContain(`codex_exec/${version} `);
    const namespace = first?.tools.find((t) => t.type === 'namespace' && t.name === NS);
    expect(namespace.tools.map((t: any) => t.name).sort()).toEqual(['start_session', 'submit_conclusion', 'wait_for_instruction']);
    expect(JSON.parse(String(first?.headers['x-codex-turn-metadata'])).sandbox_mode).not.toBe('danger-full-access');

    // One prompt through the API reaches the model in the next request's input.
    await rig.call('POST', `/api/sessions/${session.id}/prompts`, { content: 'Prompt A' });
    const gotA = await rig.until('Prompt A in a model request', () =>
      model.requests.find((r) => mcpResult(r.lastToolOutput())?.instruction?.content === 'Prompt A'),
    );
    expect(JSON.stringify(gotA.input)).toContain('Prompt A');

    // Two prompts typed ahead while Codex works on A arrive in order.
    await rig.call('POST', `/api/sessions/${session.id}/prompts`, { content: 'Prompt B' });
    await rig.call('POST', `/api/sessions/${session.id}/prompts`, { content: 'Prompt C' });
    holdA.open();

    await rig.until(
      'Codex waiting after "Done: Prompt C"',
      () => delivery.summary(session.id).latestConclusion === 'Done: Prompt C' && delivery.waiterCount(session.id) > 0,
    );
    const [, detail] = await rig.call('GET', `/api/sessions/${session.id}`);
    expect(detail.session.timeline.map((e: any) => `${e.role}: ${e.content}`)).toEqual([
      'codex: Conclusion 1',
      'user: Prompt A',
      'codex: Done: Prompt A',
      'user: Prompt B',
      'codex: Done: Prompt B',
      'user: Prompt C',
      'codex: Done: Prompt C',
    ]);
    const delivered = model.requests.map((r) => mcpResult(r.lastToolOutput())?.instruction?.content).filter(Boolean);
    expect(delivered).toEqual(['Prompt A', 'Prompt B', 'Prompt C']);

    // Stop ends the loop: the model is told "stopped", answers, and codex exits 0.
    await rig.call('POST', `/api/sessions/${session.id}/stop`);
    const result = await codex.done;
    expect(result.code, result.stderr).toBe(0);
    const items = result.events.filter((e) => e.type === 'item.completed').map((e) => e.item);
    expect(items.find((i) => i.type === 'command_execution')?.aggregated_output).toContain('task-one-done');
    const tools = items.filter((i) => i.type === 'mcp_tool_call');
    expect(tools.every((i) => i.server === 'codex_pro_max' && i.status === 'completed')).toBe(true);
    expect(tools.map((i) => i.tool)).toEqual([
      'start_session',
      'submit_conclusion',
      'submit_conclusion',
      'submit_conclusion',
      'submit_conclusion',
    ]);
    expect(tools.at(-1).result.structured_content.status).toBe('stopped');
    expect(items.at(-1)).toMatchObject({ type: 'agent_message', text: 'Loop ended; here is my final answer.' });
    expect(result.events.at(-1).type).toBe('turn.completed');
  }, 180_000);

  it('waits for an MCP server that takes seconds to start, so the very first model request already offers its tools', async () => {
    rig = await startLoopRig(waiter());
    // Codex gives an optional MCP server about 1 s; this one needs 3 s. Only the script changes, not setup's other keys.
    const slow = join(rig.workDir, 'slow-start.mjs');
    writeFileSync(slow, `await new Promise((r) => setTimeout(r, 3000));\nawait import(${JSON.stringify(pathToFileURL(BIN).href)});\n`);
    const file = join(rig.codexHome, 'config.toml');
    const config = readFileSync(file, 'utf8');
    const slowed = config.replace(/^args = \[.*\]$/m, `args = [${JSON.stringify(slow)}, "mcp"]`);
    expect(slowed).not.toBe(config);
    writeFileSync(file, slowed);

    const codex = spawnCodex(execArgs('Wait for prompts.'), { codexHome: rig.codexHome, cwd: rig.workDir, version, timeoutMs: 120_000 });
    await queueAndStop(rig, 'Prompt after a slow start', () => true);
    const result = await codex.done;
    expect(result.code, result.stderr).toBe(0);
    const first = rig.model.requests[0];
    expect(first?.tools.some((t) => t.type === 'namespace' && t.name === NS)).toBe(true);
    const [, body] = await rig.call('GET', '/api/sessions');
    expect(body.sessions[0].title).toBe('Waiting model');
    const [, detail] = await rig.call('GET', `/api/sessions/${body.sessions[0].id}`);
    expect(detail.session.timeline.map((e: any) => `${e.role}: ${e.content}`)).toEqual([
      'codex: Ready',
      'user: Prompt after a slow start',
      'codex: Done: Prompt after a slow start',
    ]);
  }, 150_000);

  it('when Codex times a wait out, the MCP server drops it (one waiter at a time) and no prompt is lost', async () => {
    let timeouts = 0;
    let maxWaiters = 0;
    rig = await startLoopRig(
      waiter((out) => {
        if (out.includes('timed out awaiting tools/call')) timeouts++;
      }),
    );
    const file = join(rig.codexHome, 'config.toml');
    // A Codex tool timeout (2 s) far below the MCP server's own bound (1500 s): Codex cancels each wait.
    writeFileSync(file, readFileSync(file, 'utf8').replace('tool_timeout_sec = 1800', 'tool_timeout_sec = 2'));
    const codex = spawnCodex(execArgs('Wait for prompts.'), { codexHome: rig.codexHome, cwd: rig.workDir, version, timeoutMs: 120_000 });
    const { delivery, store } = rig.server.ctx;
    // A waiter is added right after its session.waiting change, so counting once each change has been handled sees
    // every waiter that was ever added while the one before it was still there.
    const stopCounting = delivery.subscribe(() =>
      setImmediate(() => {
        for (const s of store.sessions.list()) maxWaiters = Math.max(maxWaiters, delivery.waiterCount(s.id));
      }),
    );
    try {
      await queueAndStop(rig, 'Prompt after a timeout', () => timeouts >= 2);
    } finally {
      stopCounting();
    }
    const result = await codex.done;
    expect(result.code, result.stderr).toBe(0);
    expect(maxWaiters).toBe(1);
    const [, body] = await rig.call('GET', '/api/sessions');
    const [, detail] = await rig.call('GET', `/api/sessions/${body.sessions[0].id}`);
    expect(detail.session.timeline.map((e: any) => `${e.role}: ${e.content}`)).toEqual([
      'codex: Ready',
      'user: Prompt after a timeout',
      'codex: Done: Prompt after a timeout',
    ]);
  }, 150_000);
});

describe(`the MCP wait bound, codex ${NEWEST_CODEX}`, () => {
  const version = NEWEST_CODEX;

  it('answers "no_instruction_yet" within CODEX_PRO_MAX_WAIT_SECONDS and the model simply waits again', async () => {
    let nothingYet = 0;
    rig = await startLoopRig(
      waiter((out) => {
        if (mcpResult(out)?.status === 'no_instruction_yet') nothingYet++;
      }),
      { CODEX_PRO_MAX_WAIT_SECONDS: '1' },
    );
    const config = readFileSync(join(rig.codexHome, 'config.toml'), 'utf8');
    expect(config).toContain('CODEX_PRO_MAX_WAIT_SECONDS = "1"');
    const codex = spawnCodex(execArgs('Wait for prompts.'), { codexHome: rig.codexHome, cwd: rig.workDir, version, timeoutMs: 120_000 });
    await queueAndStop(rig, 'Late prompt', () => nothingYet >= 2);
    const result = await codex.done;
    expect(result.code, result.stderr).toBe(0);
    const tools = result.events.filter((e) => e.type === 'item.completed' && e.item.type === 'mcp_tool_call').map((e) => e.item);
    expect(tools.every((i) => i.status === 'completed' && !i.error)).toBe(true);
    expect(tools.filter((i) => i.tool === 'wait_for_instruction').length).toBeGreaterThanOrEqual(2);
  }, 150_000);
});
