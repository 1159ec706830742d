// Turns and activity: boundaries in both formats, event twins preferred, commands named from their call.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanRollout } from './reader.js';
import { RolloutState } from './state.js';
import { type Turn, TurnTracker } from './turn.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/rollouts');

async function turnsOf(name: string): Promise<Turn[]> {
  const turns: Turn[] = [];
  const t = new TurnTracker({ onTurnClosed: (turn) => turns.push(turn) });
  await scanRollout(join(FIXTURES, name), (ev) => t.apply(ev));
  t.finish();
  return turns;
}

describe('turns', () => {
  it('0.169: task_started/task_complete bound turns; failed turns carry the error', async () => {
    const turns = await turnsOf('v0169-failed.jsonl');
    expect(turns.map((t) => [t.state, t.user.event.map((u) => u.text)])).toEqual([
      ['completed', ['say hi']],
      ['failed', ['this one fails']],
    ]);
    expect(turns[1]?.error).toContain('mock failure');
  });

  it('old files: each user_message opens a turn; no duplicate turn from the response twin', async () => {
    const turns = await turnsOf('legacy-0.50-events.jsonl');
    expect(turns.map((t) => t.state)).toEqual(['completed', 'aborted']);
    const first = turns[0] as Turn;
    expect([...first.calls.values()].map((c) => [c.name, c.exitCode])).toEqual([
      ['shell', 0],
      ['shell', 1],
      ['apply_patch', null],
      ['update_plan', null],
      ['mcp:docs.lookup', null],
      ['web_search', null],
    ]);
    expect(first.activity.find((a) => a.kind === 'command' && a.exitCode === 1)).toMatchObject({ command: 'cat missing.txt' });
  });

  it('live activity of the latest turn: commands with exit codes and output, reasoning, messages', async () => {
    const first = await turnsOf('v0169-commands.jsonl');
    const kinds = first[0]?.activity.map((a) => a.kind);
    expect(kinds).toEqual(['task', 'user', 'reasoning', 'command', 'command', 'message', 'task']);
    const state = await RolloutState.open(join(FIXTURES, 'v0169-mcp-websearch.jsonl'));
    const snap = state.activitySnapshot();
    expect(snap.turn?.state).toBe('completed');
    expect(snap.items.map((a) => a.kind)).toEqual(['task', 'user', 'mcp', 'web_search', 'message', 'task']);
  });

  it('bare 2025 H1 files still give activity from response items', async () => {
    const state = await RolloutState.open(join(FIXTURES, 'legacy-2025h1-bare.jsonl'));
    const items = state.activitySnapshot().items;
    expect(items.map((a) => a.kind)).toEqual(['user', 'reasoning', 'tool', 'message']);
    expect(items[2]).toMatchObject({ name: 'local_shell', output: '.\n..\nfile.txt\n\n(exit code 0)' });
  });
});
