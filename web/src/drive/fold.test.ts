import { describe, expect, it } from 'vitest';
import type { DriveEvent } from '../../../src/shared/drive.js';
import { foldTurnEvents, formatUsage } from './fold.js';

const at = '2026-01-01T00:00:00Z';
const cmd = (phase: 'started' | 'completed', exitCode: number | null): DriveEvent => ({
  seq: phase === 'started' ? 3 : 4,
  at,
  kind: 'item',
  phase,
  item: {
    type: 'command_execution',
    id: 'item_1',
    command: 'ls',
    output: phase === 'completed' ? 'a\n' : '',
    exitCode,
    status: phase === 'completed' ? 'completed' : 'in_progress',
  },
});

describe('foldTurnEvents', () => {
  it('keeps one row per item with its latest state, in first-seen order', () => {
    const events: DriveEvent[] = [
      { seq: 1, at, kind: 'thread_started', threadId: 't' },
      { seq: 2, at, kind: 'item', phase: 'completed', item: { type: 'reasoning', id: 'item_0', text: 'think' } },
      cmd('started', null),
      cmd('completed', 0),
      { seq: 5, at, kind: 'item', phase: 'completed', item: { type: 'agent_message', id: 'item_2', text: 'done' } },
      { seq: 6, at, kind: 'turn_completed', usage: { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningOutputTokens: 0 } },
      { seq: 7, at, kind: 'exited', code: 0, signal: null, interrupted: false },
    ];
    const rows = foldTurnEvents(events);
    expect(rows.map((r) => (r.kind === 'item' ? `${r.item.type}:${r.phase}` : r.kind))).toEqual([
      'reasoning:completed',
      'command_execution:completed',
      'agent_message:completed',
    ]);
  });

  it('applies events out of order and ignores duplicates (live pushes after a snapshot)', () => {
    const rows = foldTurnEvents([cmd('completed', 0), cmd('started', null), cmd('completed', 0)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ phase: 'completed', item: { exitCode: 0 } });
  });

  it('shows errors, failures, interrupts and unknown events', () => {
    const rows = foldTurnEvents([
      { seq: 1, at, kind: 'error', message: 'Reconnecting' },
      { seq: 2, at, kind: 'turn_failed', message: 'boom' },
      { seq: 3, at, kind: 'unknown', type: 'item.plan.delta', raw: {} },
      { seq: 4, at, kind: 'exited', code: null, signal: 'SIGTERM', interrupted: true },
    ]);
    expect(rows.map((r) => r.kind)).toEqual(['note', 'note', 'unknown', 'note']);
    expect(rows[3]).toMatchObject({ tone: 'info', text: 'Interrupted.' });
  });
});

describe('formatUsage', () => {
  it('names the cached and reasoning parts', () => {
    expect(formatUsage({ inputTokens: 1234, cachedInputTokens: 1000, outputTokens: 56, reasoningOutputTokens: 12 })).toBe(
      '1,234 in (1,000 cached) · 56 out (12 reasoning)',
    );
  });
});
