// Writes synthetic rollouts of a given size in the 0.169 or the older event format, for the benchmark and the
// big-file test. Output goes wherever the caller says (a temp dir); these files are never committed.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export type RolloutFormat = 'v0169' | 'legacy';

const THREAD = '019a0000-0000-7000-8000-000000000001';
const usage = (n: number) => ({
  input_tokens: 1000 * n,
  cached_input_tokens: 800 * n,
  cache_write_input_tokens: 0,
  output_tokens: 100 * n,
  reasoning_output_tokens: 40 * n,
  total_tokens: 1100 * n,
});
const filler = (i: number, size: number) => `line ${i} ${'x'.repeat(60)}\n`.repeat(Math.ceil(size / 70)).slice(0, size);

/** The lines of turn `i` (counting from 1). */
export function turnLines(format: RolloutFormat, i: number, at: string): string[] {
  const out = filler(i, 3000);
  const turnId = `019a0000-0000-7000-8000-${String(i).padStart(12, '0')}`;
  const L: object[] = [];
  const ev = (payload: object) => L.push({ timestamp: at, type: 'event_msg', payload });
  const ri = (payload: object) => L.push({ timestamp: at, type: 'response_item', payload });
  const info = { total_token_usage: usage(i), last_token_usage: usage(1), model_context_window: 272000 };
  const limits = {
    primary: { used_percent: i % 100, window_minutes: 300, resets_at: 1800000000 },
    secondary: { used_percent: 10, window_minutes: 10080, resets_at: 1800500000 },
  };
  if (format === 'v0169') {
    ev({ type: 'task_started', turn_id: turnId, started_at: 1, model_context_window: 272000 });
    L.push({ timestamp: at, type: 'turn_context', payload: { turn_id: turnId, cwd: '/w', model: 'gpt-5.5', summary: 'auto' } });
    if (i % 10 === 1)
      L.push({ timestamp: at, type: 'world_state', payload: { full: true, state: { agents_md: { text: filler(i, 4000) } } } });
    ri({ type: 'message', role: 'user', content: [{ type: 'input_text', text: `prompt ${i}` }] });
    ev({
      type: 'item_completed',
      turn_id: turnId,
      item: { type: 'UserMessage', id: `u${i}`, content: [{ type: 'text', text: `prompt ${i}` }] },
    });
    ev({ type: 'item_completed', turn_id: turnId, item: { type: 'Reasoning', id: `r${i}`, summary_text: ['thinking'], raw_content: [] } });
    ri({ type: 'reasoning', id: `r${i}`, summary: [{ type: 'summary_text', text: 'thinking' }], encrypted_content: 'g'.repeat(1500) });
    ri({ type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: `cat file${i}` }), call_id: `c${i}` });
    L.push({
      timestamp: at,
      type: 'token_usage_record',
      payload: { thread_id: THREAD, turn_id: turnId, usage: usage(1), turn_token_usage: usage(1), thread_token_usage: usage(i) },
    });
    ev({
      type: 'item_completed',
      turn_id: turnId,
      item: {
        type: 'CommandExecution',
        id: `c${i}`,
        command: ['/bin/bash', '-lc', `cat file${i}`],
        cwd: 'file:///w',
        status: 'completed',
        aggregated_output: out,
        exit_code: 0,
        duration: { secs: 0, nanos: 1000 },
      },
    });
    ri({ type: 'function_call_output', call_id: `c${i}`, output: `Process exited with code 0\nOutput:\n${out}` });
    ev({ type: 'token_count', info, rate_limits: limits });
    ev({
      type: 'item_completed',
      turn_id: turnId,
      item: { type: 'AgentMessage', id: `m${i}`, content: [{ type: 'Text', text: `answer ${i}` }] },
    });
    ri({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: `answer ${i}` }] });
    ev({ type: 'task_complete', turn_id: turnId, last_agent_message: `answer ${i}`, duration_ms: 10 });
  } else {
    ri({ type: 'message', role: 'user', content: [{ type: 'input_text', text: `prompt ${i}` }] });
    ev({ type: 'user_message', message: `prompt ${i}`, images: [] });
    L.push({ timestamp: at, type: 'turn_context', payload: { cwd: '/w', model: 'gpt-5-codex', summary: 'auto' } });
    ev({ type: 'agent_reasoning', text: 'thinking' });
    ri({ type: 'reasoning', id: `r${i}`, summary: [{ type: 'summary_text', text: 'thinking' }], encrypted_content: 'g'.repeat(1500) });
    ri({ type: 'function_call', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', `cat file${i}`] }), call_id: `c${i}` });
    ev({
      type: 'exec_command_end',
      call_id: `c${i}`,
      command: ['bash', '-lc', `cat file${i}`],
      stdout: out,
      stderr: '',
      aggregated_output: out,
      exit_code: 0,
      duration: { secs: 0, nanos: 1000 },
    });
    ri({ type: 'function_call_output', call_id: `c${i}`, output: JSON.stringify({ output: out, metadata: { exit_code: 0 } }) });
    ev({ type: 'token_count', info, rate_limits: limits });
    ev({ type: 'agent_message', message: `answer ${i}` });
    ri({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: `answer ${i}` }] });
    ev({ type: 'task_complete', last_agent_message: `answer ${i}` });
  }
  return L.map((l) => JSON.stringify(l));
}

export function sessionMetaLine(format: RolloutFormat): string {
  const payload = {
    id: THREAD,
    timestamp: '2026-01-01T00:00:00.000Z',
    cwd: '/w',
    originator: 'bench',
    cli_version: format === 'v0169' ? '0.169.0' : '0.50.0',
    source: 'exec',
  };
  return JSON.stringify({ timestamp: '2026-01-01T00:00:00.000Z', type: 'session_meta', payload });
}

/** Writes a rollout of at least `targetBytes` to `path`; returns the number of turns written. */
export async function generateRollout(path: string, format: RolloutFormat, targetBytes: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let turns = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${sessionMetaLine(format)}\n`);
  while (bytes < targetBytes) {
    turns++;
    await write(`${turnLines(format, turns, new Date(Date.UTC(2026, 0, 1) + turns * 1000).toISOString()).join('\n')}\n`);
  }
  out.end();
  await once(out, 'finish');
  return turns;
}
