import { describe, expect, it } from 'vitest';
import { driveItemFromThreadItem, TurnUsage } from './daemon-items.js';

const breakdown = (input: number, cached: number, output: number, reasoning: number) => ({
  totalTokens: input + output,
  inputTokens: input,
  cachedInputTokens: cached,
  cacheWriteInputTokens: 0,
  outputTokens: output,
  reasoningOutputTokens: reasoning,
});

describe('TurnUsage', () => {
  it("is the turn's own share of the thread's running total, whatever came before it", () => {
    const usage = new TurnUsage();
    // The thread had used 1000/100/50/10 before this turn; the turn makes two model requests.
    usage.add({ total: breakdown(1100, 140, 70, 15), last: breakdown(100, 40, 20, 5) });
    usage.add({ total: breakdown(1250, 240, 80, 15), last: breakdown(150, 100, 10, 0) });
    expect(usage.value()).toEqual({ inputTokens: 250, cachedInputTokens: 140, outputTokens: 30, reasoningOutputTokens: 5 });
  });

  it('counts a repeated count once', () => {
    const usage = new TurnUsage();
    const count = { total: breakdown(100, 40, 20, 5), last: breakdown(100, 40, 20, 5) };
    usage.add(count);
    usage.add(count);
    expect(usage.value()).toEqual({ inputTokens: 100, cachedInputTokens: 40, outputTokens: 20, reasoningOutputTokens: 5 });
  });

  it('is null when no count came', () => {
    expect(new TurnUsage().value()).toBeNull();
  });
});

describe('driveItemFromThreadItem', () => {
  it.each([
    [{ type: 'userMessage', id: 'u', content: [] }, null],
    [
      { type: 'agentMessage', id: 'a', text: 'hi' },
      { type: 'agent_message', id: 'a', text: 'hi' },
    ],
    [
      { type: 'reasoning', id: 'r', summary: ['one'], content: ['two'] },
      { type: 'reasoning', id: 'r', text: 'one\n\ntwo' },
    ],
    [
      { type: 'commandExecution', id: 'c', command: 'ls', aggregatedOutput: 'x', exitCode: 0, status: 'completed' },
      { type: 'command_execution', id: 'c', command: 'ls', output: 'x', exitCode: 0, status: 'completed' },
    ],
    [
      { type: 'commandExecution', id: 'c', command: 'ls', aggregatedOutput: null, exitCode: null, status: 'inProgress' },
      { type: 'command_execution', id: 'c', command: 'ls', output: '', exitCode: null, status: 'in_progress' },
    ],
    [
      { type: 'fileChange', id: 'f', changes: [{ path: '/a', kind: { type: 'add' }, diff: '+x' }], status: 'completed' },
      { type: 'file_change', id: 'f', changes: [{ path: '/a', kind: 'add' }], status: 'completed' },
    ],
    [
      { type: 'webSearch', id: 'w', query: 'q', action: null },
      { type: 'web_search', id: 'w', query: 'q', action: null },
    ],
    [
      { type: 'contextCompaction', id: 'x' },
      { type: 'other', id: 'x', itemType: 'contextCompaction', raw: { type: 'contextCompaction', id: 'x' } },
    ],
  ])('%j', (item, expected) => {
    expect(driveItemFromThreadItem(item)).toEqual(expected);
  });
});
