import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineSplitter, parseExecLine } from './events.js';

// Recorded from codex-cli 0.169.0 `exec --json` against the fake model: reasoning, a command, apply_patch, a reply.
const recorded = readFileSync(new URL('./fixtures/exec-turn.jsonl', import.meta.url), 'utf8').split('\n');

describe('parseExecLine', () => {
  it('reads a whole recorded turn in order', () => {
    const events = recorded.map(parseExecLine).filter((e) => e !== null);
    expect(events.map((e) => (e.kind === 'item' ? `${e.phase}:${e.item.type}` : e.kind))).toEqual([
      'thread_started',
      'turn_started',
      'completed:reasoning',
      'started:command_execution',
      'completed:command_execution',
      'started:file_change',
      'completed:file_change',
      'completed:agent_message',
      'turn_completed',
    ]);
    expect(events[0]).toEqual({ kind: 'thread_started', threadId: '01a1ffb0-69e7-75a1-8d46-3ed5e9f5339e' });
    expect(events[4]).toMatchObject({ item: { command: "/bin/bash -lc 'echo hi > made.txt; pwd'", exitCode: 0, status: 'completed' } });
    expect(events[6]).toMatchObject({ item: { changes: [{ path: '/tmp/exp-work-BZg38z/patched.txt', kind: 'add' }] } });
    expect(events[8]).toEqual({
      kind: 'turn_completed',
      usage: { inputTokens: 310, cachedInputTokens: 40, outputTokens: 55, reasoningOutputTokens: 5 },
    });
  });

  const items: [string, object][] = [
    [
      '{"type":"item.completed","item":{"id":"i","type":"mcp_tool_call","server":"s","tool":"t","arguments":{"a":1},"result":{"content":[]},"error":null,"status":"completed"}}',
      { type: 'mcp_tool_call', server: 's', tool: 't', arguments: { a: 1 }, error: null, status: 'completed' },
    ],
    [
      '{"type":"item.completed","item":{"id":"i","type":"mcp_tool_call","server":"s","tool":"t","arguments":{},"error":{"message":"MCP tool call requires approval"},"status":"failed"}}',
      { type: 'mcp_tool_call', error: 'MCP tool call requires approval', status: 'failed' },
    ],
    [
      '{"type":"item.completed","item":{"id":"item_0","type":"web_search","id":"ws_1","query":"q","action":{"type":"search"}}}',
      { type: 'web_search', id: 'ws_1', query: 'q' },
    ],
    [
      '{"type":"item.updated","item":{"id":"i","type":"todo_list","items":[{"text":"a","completed":true},{"text":"b","completed":false}]}}',
      {
        type: 'todo_list',
        items: [
          { text: 'a', completed: true },
          { text: 'b', completed: false },
        ],
      },
    ],
    [
      '{"type":"item.completed","item":{"id":"i","type":"error","message":"Model metadata for `X` not found."}}',
      { type: 'error', message: 'Model metadata for `X` not found.' },
    ],
    ['{"type":"item.completed","item":{"id":"i","type":"plan","text":"1. a"}}', { type: 'plan', text: '1. a' }],
    ['{"type":"item.started","item":{"id":"i","type":"collab_tool_call","tool":"spawn"}}', { type: 'other', itemType: 'collab_tool_call' }],
  ];
  it.each(items)('item %s', (line, expected) => {
    const e = parseExecLine(line);
    expect(e?.kind).toBe('item');
    if (e?.kind === 'item') expect(e.item).toMatchObject(expected);
  });

  const others: [string, object | null][] = [
    ['{"type":"turn.failed","error":{"message":"boom"}}', { kind: 'turn_failed', message: 'boom' }],
    ['{"type":"error","message":"Reconnecting... 1/5"}', { kind: 'error', message: 'Reconnecting... 1/5' }],
    ['{"type":"item.plan.delta","item_id":"x","delta":"a"}', { kind: 'unknown', type: 'item.plan.delta' }],
    ['Reading prompt from stdin...', { kind: 'unknown', type: 'non-json' }],
    ['[1,2]', { kind: 'unknown', type: 'non-object' }],
    ['   ', null],
  ];
  it.each(others)('line %s', (line, expected) => {
    const e = parseExecLine(line);
    if (expected === null) expect(e).toBeNull();
    else expect(e).toMatchObject(expected);
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks', () => {
    const s = new LineSplitter();
    expect(s.push('{"a":')).toEqual([]);
    expect(s.push('1}\n{"b"')).toEqual(['{"a":1}']);
    expect(s.push(':2}\n')).toEqual(['{"b":2}']);
    expect(s.push('tail')).toEqual([]);
    expect(s.end()).toEqual(['tail']);
  });
});
