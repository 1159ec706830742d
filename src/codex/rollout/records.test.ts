// Every record type of the 0.169 and the older formats decodes; unknown and broken lines are counted, not fatal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RolloutEvent } from './event.js';
import { classifyLine, decodeLine } from './reader.js';
import { decodeRecord, newStats } from './records.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/rollouts');

function decodeFile(name: string) {
  const stats = newStats();
  const buf = readFileSync(join(FIXTURES, name));
  const events: RolloutEvent[] = [];
  let start = 0;
  for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, start)) {
    events.push(...decodeLine(buf, start, nl, start, stats));
    start = nl + 1;
  }
  return { events, stats, kinds: new Set(events.map((e) => e.kind)) };
}

describe('0.169 rollouts recorded from the real binary', () => {
  it('decode with no unknown records', () => {
    for (const f of ['v0169-commands.jsonl', 'v0169-mcp-websearch.jsonl', 'v0169-failed.jsonl', 'v0169-compaction.jsonl']) {
      const { stats } = decodeFile(f);
      expect(stats.unknown, f).toEqual({});
      expect(stats.malformed, f).toBe(0);
    }
  });

  it('commands: exit codes, output, reasoning, file changes with diffs', () => {
    const { events, kinds } = decodeFile('v0169-commands.jsonl');
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'session',
        'turn.start',
        'turn.end',
        'user',
        'agent',
        'reasoning',
        'call',
        'call.output',
        'command',
        'files',
        'usage',
      ]),
    );
    const commands = events.filter((e) => e.kind === 'command');
    expect(commands.map((c) => c.kind === 'command' && [c.command, c.exitCode, c.status])).toEqual([
      ['echo hello-rollout', 0, 'completed'],
      ['echo oops >&2; exit 3', 3, 'failed'],
    ]);
    const files = events.filter((e) => e.kind === 'files').flatMap((e) => (e.kind === 'files' ? e.files : []));
    expect(files[0]).toMatchObject({ change: 'add' });
    expect(files[0]?.diff).toContain('+const fence = "```";');
    expect(files[1]).toMatchObject({ change: 'update', movePath: null });
    expect(files[1]?.diff).toContain('+# Notes (edited)');
  });

  it('mcp and web search; failed turn; compaction', () => {
    const mcp = decodeFile('v0169-mcp-websearch.jsonl').events;
    expect(mcp.find((e) => e.kind === 'mcp')).toMatchObject({
      server: 'demo',
      tool: 'echo',
      result: 'echo: ping',
      error: null,
      status: 'completed',
    });
    expect(mcp.filter((e) => e.kind === 'search').map((e) => e.kind === 'search' && e.from)).toEqual(['event', 'response']);
    const failed = decodeFile('v0169-failed.jsonl').events.filter((e) => e.kind === 'turn.end');
    expect(failed.at(-1)).toMatchObject({ error: 'stream disconnected before completion: mock failure' });
    const compaction = decodeFile('v0169-compaction.jsonl');
    expect(compaction.kinds.has('compacted')).toBe(true);
    // The compaction summary is not an AI answer.
    expect(compaction.events.some((e) => e.kind === 'agent' && e.text.startsWith('Summary:'))).toBe(false);
  });
});

describe('older formats (hand-built)', () => {
  it('event_msg era: exec_command_end, patch_apply_end, turn_diff, mcp_tool_call_end, web_search_end, plans, aborts', () => {
    const { events, kinds, stats } = decodeFile('legacy-0.50-events.jsonl');
    for (const k of [
      'session',
      'user',
      'agent',
      'reasoning',
      'command',
      'files',
      'diff',
      'mcp',
      'search',
      'plan',
      'usage',
      'error',
      'turn.end',
      'turn.aborted',
      'call',
      'call.output',
    ]) {
      expect(kinds.has(k as RolloutEvent['kind']), k).toBe(true);
    }
    expect(events.find((e) => e.kind === 'command' && e.exitCode === 1)).toMatchObject({ status: 'failed', durationMs: 10 });
    expect(events.find((e) => e.kind === 'files')).toMatchObject({ files: [{ path: '/home/me/proj/NOTE.md', change: 'add' }] });
    expect(events.find((e) => e.kind === 'plan')).toMatchObject({
      explanation: 'Two steps',
      steps: [
        { step: 'List files', status: 'completed' },
        { step: 'Write note', status: 'in_progress' },
      ],
    });
    // The environment_context "user" message is context, not the person.
    expect(events.filter((e) => e.kind === 'user').map((e) => e.kind === 'user' && e.text)).not.toContain(
      expect.stringContaining('environment_context'),
    );
    expect(stats.unknown).toEqual({ 'event_msg/fancy_future_event': 1, mystery_item: 1 });
    expect(stats.malformed).toBe(1);
  });

  it('bare 2025 H1 files (no wrapper) decode as response items', () => {
    const { kinds, stats } = decodeFile('legacy-2025h1-bare.jsonl');
    expect(stats.unknown).toEqual({});
    expect([...kinds].sort()).toEqual(['agent', 'call', 'call.output', 'reasoning', 'user']);
  });

  it('never throws on odd values', () => {
    const stats = newStats();
    for (const v of [
      null,
      1,
      'x',
      [],
      { type: 'event_msg' },
      { type: 'event_msg', payload: { type: 'exec_command_end', command: 5 } },
      { type: 'response_item', payload: { type: 'message', content: 7 } },
    ]) {
      expect(() => decodeRecord(v, 0, stats)).not.toThrow();
    }
  });
});

describe('classifyLine', () => {
  it('reads type and payload type without parsing, and declines odd shapes', () => {
    const line = Buffer.from('{"timestamp":"t","ordinal":3,"type":"event_msg","payload":{"type":"token_count","info":null}}');
    expect(classifyLine(line, 0, line.length)).toEqual({ type: 'event_msg', sub: 'token_count' });
    const meta = Buffer.from('{"timestamp":"t","type":"session_meta","payload":{"id":"x"}}');
    expect(classifyLine(meta, 0, meta.length)).toEqual({ type: 'session_meta', sub: null });
    const nested = Buffer.from('{"payload":{"type":"x"},"type":"event_msg"}');
    expect(classifyLine(nested, 0, nested.length)).toBeNull();
  });
});
