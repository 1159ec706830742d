// End to end: the real codex, in its default sandbox, follows the loop through the codex_pro_max MCP tools that
// `codex-pro-max setup` registered; prompts queued through the API reach the model in order; stop ends codex with 0.
import { afterAll, describe, expect, it } from 'vitest';
import { execArgs, spawnCodex } from '../fixtures/codex-env.js';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { gate, type LoopRig, lastCall, mcpResult, startLoopRig, until } from './loop-support.js';

const NS = 'mcp__codex_pro_max';
const call = (name: string, args: unknown): ModelReply => ({ steps: [{ type: 'function_call', namespace: NS, name, arguments: args }] });
const say = (text: string): ModelReply => ({ steps: [{ type: 'message', text }] });

describe('the Codex Pro Max loop through MCP (default sandbox)', () => {
  let rig: LoopRig | undefined;
  afterAll(async () => {
    await rig?.close();
  });

  it('concludes, receives queued prompts in order, and ends with exit code 0 on stop', async () => {
    const holdA = gate();
    // A model that follows the SKILL.md loop literally.
    const play = async (req: ModelRequest): Promise<ModelReply> => {
      const last = lastCall(req);
      if (!last) return call('start_session', { title: 'E2E loop' });
      if (last.name === 'start_session') return { steps: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'echo task-one-done', yield_time_ms: 5000 } }] };
      if (last.name === 'exec_command') return call('submit_conclusion', { conclusion: 'Conclusion 1' });
      const result = mcpResult(req.lastToolOutput());
      if (result?.status === 'instruction') {
        if (result.instruction.content === 'Instruction A') await holdA.wait;
        return call('submit_conclusion', { conclusion: `Done: ${result.instruction.content}` });
      }
      if (result?.status === 'no_instruction_yet') return call('wait_for_instruction', {});
      if (result?.status === 'stopped') return say('Loop ended; here is my final answer.');
      return say(`Unexpected tool result: ${req.lastToolOutput()}`);
    };
    rig = await startLoopRig(play);
    const { server, model } = rig;

    const codex = spawnCodex(execArgs('Work on this with Codex Pro Max.'), { codexHome: rig.codexHome, cwd: rig.work, timeoutMs: 150_000 });

    // Conclusion 1 shows up in the API.
    const session = await until('conclusion 1 in GET /api/sessions', async () => {
      const [, body] = await server.call('GET', '/api/sessions');
      return body.sessions.find((s: any) => s.latestConclusion === 'Conclusion 1');
    });
    const threadId = model.requests[0]?.headers['thread-id'];
    expect(session).toMatchObject({ title: 'E2E loop', threadId });

    // The model really got the MCP tools as a namespace, and ran in the default (not full-access) sandbox.
    const first = model.requests[0];
    const namespace = first?.tools.find((t) => t.type === 'namespace' && t.name === NS);
    expect(namespace.tools.map((t: any) => t.name).sort()).toEqual(['start_session', 'submit_conclusion', 'wait_for_instruction']);
    expect(JSON.parse(String(first?.headers['x-codex-turn-metadata'])).sandbox_mode).not.toBe('danger-full-access');

    // One prompt through the API reaches the model in the next request's input.
    await server.call('POST', `/api/sessions/${session.id}/instructions`, { content: 'Instruction A' });
    const gotA = await until('Instruction A in a model request', () => model.requests.find((r) => mcpResult(r.lastToolOutput())?.instruction?.content === 'Instruction A'));
    expect(JSON.stringify(gotA.input)).toContain('Instruction A');

    // Two prompts typed ahead while Codex works on A arrive in order.
    await server.call('POST', `/api/sessions/${session.id}/instructions`, { content: 'Instruction B' });
    await server.call('POST', `/api/sessions/${session.id}/instructions`, { content: 'Instruction C' });
    holdA.open();

    await until('Codex waiting after "Done: Instruction C"', async () => {
      const [, body] = await server.call('GET', `/api/sessions/${session.id}`);
      return body.session.latestConclusion === 'Done: Instruction C' && server.server.ctx.delivery.waiterCount(session.id) > 0;
    });
    const [, detail] = await server.call('GET', `/api/sessions/${session.id}`);
    expect(detail.session.timeline.map((e: any) => `${e.role}: ${e.content}`)).toEqual([
      'codex: Conclusion 1',
      'user: Instruction A',
      'codex: Done: Instruction A',
      'user: Instruction B',
      'codex: Done: Instruction B',
      'user: Instruction C',
      'codex: Done: Instruction C',
    ]);
    const delivered = model.requests.map((r) => mcpResult(r.lastToolOutput())?.instruction?.content).filter(Boolean);
    expect(delivered).toEqual(['Instruction A', 'Instruction B', 'Instruction C']);

    // Stop ends the loop: the model is told "stopped", answers, and codex exits 0.
    await server.call('POST', `/api/sessions/${session.id}/stop`);
    const result = await codex.done;
    expect(result.code, result.stderr).toBe(0);
    const items = result.events.filter((e) => e.type === 'item.completed').map((e) => e.item);
    expect(items.find((i) => i.type === 'command_execution')?.aggregated_output).toContain('task-one-done');
    const tools = items.filter((i) => i.type === 'mcp_tool_call');
    expect(tools.every((i) => i.server === 'codex_pro_max' && i.status === 'completed')).toBe(true);
    expect(tools.map((i) => i.tool)).toEqual(['start_session', 'submit_conclusion', 'submit_conclusion', 'submit_conclusion', 'submit_conclusion']);
    expect(tools.at(-1).result.structured_content.status).toBe('stopped');
    expect(items.at(-1)).toMatchObject({ type: 'agent_message', text: 'Loop ended; here is my final answer.' });
    expect(result.events.at(-1).type).toBe('turn.completed');
  }, 180_000);
});
