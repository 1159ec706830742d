import { writeFileSync } from 'node:fs';

const T = (s) => `2025-09-20T10:00:${String(s).padStart(2, '0')}.000Z`;
const id = '0199667c-2d1e-7a40-9b7e-8f1c2a3b4c5d';
const L = [];
const ev = (s, payload) => L.push({ timestamp: T(s), type: 'event_msg', payload });
const ri = (s, payload) => L.push({ timestamp: T(s), type: 'response_item', payload });
L.push({
  timestamp: T(0),
  type: 'session_meta',
  payload: {
    id,
    timestamp: T(0),
    cwd: '/home/me/proj',
    originator: 'codex_cli_rs',
    cli_version: '0.50.0',
    instructions: null,
    source: 'cli',
    model_provider: 'openai',
  },
});
ri(1, {
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text: '<environment_context>\n  <cwd>/home/me/proj</cwd>\n</environment_context>' }],
});
L.push({
  timestamp: T(1),
  type: 'turn_context',
  payload: {
    cwd: '/home/me/proj',
    approval_policy: 'on-request',
    sandbox_policy: { mode: 'workspace-write' },
    model: 'gpt-5-codex',
    summary: 'auto',
  },
});
ri(2, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'list files and add a note' }] });
ev(2, { type: 'user_message', message: 'list files and add a note', images: [] });
ev(3, { type: 'agent_reasoning', text: '**Listing** I will look around first.' });
ri(3, {
  type: 'reasoning',
  id: 'rs_1',
  summary: [{ type: 'summary_text', text: '**Listing** I will look around first.' }],
  content: null,
  encrypted_content: 'gAAAA',
});
ri(4, {
  type: 'function_call',
  name: 'shell',
  arguments: JSON.stringify({ command: ['bash', '-lc', 'ls'], workdir: '/home/me/proj', timeout_ms: 10000 }),
  call_id: 'call_ls',
});
ev(5, {
  type: 'exec_command_end',
  call_id: 'call_ls',
  stdout: 'README.md\nsrc\n',
  stderr: '',
  aggregated_output: 'README.md\nsrc\n',
  exit_code: 0,
  duration: { secs: 0, nanos: 42000000 },
  formatted_output: 'README.md\nsrc\n',
});
ri(5, {
  type: 'function_call_output',
  call_id: 'call_ls',
  output: JSON.stringify({ output: 'README.md\nsrc\n', metadata: { exit_code: 0, duration_seconds: 0.04 } }),
});
ri(6, {
  type: 'function_call',
  name: 'shell',
  arguments: JSON.stringify({ command: ['bash', '-lc', 'cat missing.txt'] }),
  call_id: 'call_cat',
});
ev(6, {
  type: 'exec_command_end',
  call_id: 'call_cat',
  stdout: '',
  stderr: 'cat: missing.txt: No such file or directory\n',
  exit_code: 1,
  duration: '0.01s',
});
ri(6, {
  type: 'function_call_output',
  call_id: 'call_cat',
  output: JSON.stringify({ output: 'cat: missing.txt: No such file or directory\n', metadata: { exit_code: 1 } }),
});
ri(7, {
  type: 'custom_tool_call',
  call_id: 'call_patch',
  name: 'apply_patch',
  input: '*** Begin Patch\n*** Add File: NOTE.md\n+~~~ tildes ~~~\n+````four````\n*** End Patch',
  status: 'completed',
});
ev(7, {
  type: 'patch_apply_end',
  call_id: 'call_patch',
  stdout: 'Success. Updated the following files:\nA NOTE.md\n',
  stderr: '',
  success: true,
  changes: { '/home/me/proj/NOTE.md': { add: { content: '~~~ tildes ~~~\n````four````\n' } } },
});
ri(7, { type: 'custom_tool_call_output', call_id: 'call_patch', output: 'Success. Updated the following files:\nA NOTE.md\n' });
ev(8, {
  type: 'turn_diff',
  unified_diff:
    'diff --git a/NOTE.md b/NOTE.md\nnew file mode 100644\n--- /dev/null\n+++ b/NOTE.md\n@@ -0,0 +1,2 @@\n+~~~ tildes ~~~\n+````four````\n',
});
ri(9, {
  type: 'function_call',
  name: 'update_plan',
  arguments: JSON.stringify({
    explanation: 'Two steps',
    plan: [
      { step: 'List files', status: 'completed' },
      { step: 'Write note', status: 'in_progress' },
    ],
  }),
  call_id: 'call_plan',
});
ri(9, { type: 'function_call_output', call_id: 'call_plan', output: 'Plan updated' });
ev(10, {
  type: 'mcp_tool_call_end',
  call_id: 'call_mcp',
  invocation: { server: 'docs', tool: 'lookup', arguments: { q: 'rollout' } },
  duration: { secs: 1, nanos: 0 },
  result: { Ok: { content: [{ type: 'text', text: 'found 3 pages' }], isError: false } },
});
ev(11, { type: 'web_search_end', call_id: 'ws_1', query: 'codex rollout jsonl' });
ri(11, { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'codex rollout jsonl' } });
ev(12, {
  type: 'token_count',
  info: {
    total_token_usage: {
      input_tokens: 5000,
      cached_input_tokens: 3000,
      output_tokens: 700,
      reasoning_output_tokens: 300,
      total_tokens: 5700,
    },
    last_token_usage: {
      input_tokens: 5000,
      cached_input_tokens: 3000,
      output_tokens: 700,
      reasoning_output_tokens: 300,
      total_tokens: 5700,
    },
    model_context_window: 272000,
  },
  rate_limits: {
    primary: { used_percent: 12.5, window_minutes: 300, resets_in_seconds: 3600 },
    secondary: { used_percent: 40, window_minutes: 10080, resets_in_seconds: 86400 },
  },
});
ev(13, { type: 'agent_message', message: 'Listed files; `cat` failed; wrote NOTE.md with ``` inside.' });
ri(13, {
  type: 'message',
  role: 'assistant',
  content: [{ type: 'output_text', text: 'Listed files; `cat` failed; wrote NOTE.md with ``` inside.' }],
});
ev(14, { type: 'task_complete', last_agent_message: 'Listed files; `cat` failed; wrote NOTE.md with ``` inside.' });
// Turn 2: no task_started; aborted; rate limits arrive with info null.
ri(20, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'now something long' }] });
ev(20, { type: 'user_message', message: 'now something long', images: [] });
ev(21, { type: 'agent_message', message: 'Starting the long thing.' });
ev(22, {
  type: 'token_count',
  info: null,
  rate_limits: {
    primary: { used_percent: 15, window_minutes: 300, resets_at: 1758369600 },
    secondary: { used_percent: 41, window_minutes: 10080, resets_at: 1758888000 },
    plan_type: 'pro',
  },
});
ev(23, { type: 'error', message: 'stream error: retrying' });
ev(24, { type: 'fancy_future_event', data: 1 });
L.push({ timestamp: T(24), type: 'mystery_item', payload: { x: 1 } });
ev(25, { type: 'turn_aborted', reason: 'interrupted' });
const lines = L.map((l) => JSON.stringify(l));
lines.splice(lines.length - 1, 0, '{"timestamp":"2025-09-20T10:00:25.000Z","type":"event_msg","payload":{"type":"agent_mess');
writeFileSync('legacy-0.50-events.jsonl', `${lines.join('\n')}\n`);

// 2025 H1: no {type,payload} wrapper, bare response items.
const B = [
  { id: '0196a0b1-1111-7222-8333-944455566677', timestamp: '2025-05-01T08:00:00.000Z', instructions: null },
  { record_type: 'state' },
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<user_instructions>be brief</user_instructions>' }] },
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'what is in here?' }] },
  { type: 'reasoning', id: 'rs_b', summary: [{ type: 'summary_text', text: 'Check the folder.' }], encrypted_content: null },
  {
    type: 'local_shell_call',
    call_id: 'call_b1',
    status: 'completed',
    action: { type: 'exec', command: ['ls', '-a'], working_directory: '/tmp' },
  },
  { type: 'function_call_output', call_id: 'call_b1', output: JSON.stringify({ output: '.\n..\nfile.txt\n', metadata: { exit_code: 0 } }) },
  { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'There is one file: file.txt.' }] },
];
writeFileSync('legacy-2025h1-bare.jsonl', `${B.map((l) => JSON.stringify(l)).join('\n')}\n`);
