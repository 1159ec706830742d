import { describe, expect, it } from 'vitest';
import { activityFromItem, liveStatusOf, planFromUpdate, turnStatusOf } from './thread-items.js';

describe('activityFromItem', () => {
  it.each([
    [
      {
        type: 'userMessage',
        id: 'a',
        content: [
          { type: 'text', text: 'hi' },
          { type: 'localImage', path: '/x.png' },
        ],
      },
      { kind: 'user', text: 'hi\n[image: /x.png]' },
    ],
    [
      { type: 'agentMessage', id: 'b', text: 'done' },
      { kind: 'message', text: 'done' },
    ],
    [
      { type: 'reasoning', id: 'c', summary: ['one', 'two'], content: [] },
      { kind: 'reasoning', text: 'one\n\ntwo' },
    ],
    [
      {
        type: 'commandExecution',
        id: 'd',
        command: 'ls',
        cwd: '/w',
        status: 'failed',
        aggregatedOutput: 'nope',
        exitCode: 2,
        durationMs: 5,
      },
      { kind: 'command', command: 'ls', cwd: '/w', status: 'failed', output: 'nope', exitCode: 2, durationMs: 5 },
    ],
    [
      {
        type: 'fileChange',
        id: 'e',
        status: 'completed',
        changes: [{ path: 'a.txt', kind: { type: 'update', move_path: 'b.txt' }, diff: '+x' }],
      },
      { kind: 'file_change', status: 'completed', files: [{ path: 'a.txt', change: 'update', movePath: 'b.txt', diff: '+x' }] },
    ],
    [
      {
        type: 'mcpToolCall',
        id: 'f',
        server: 's',
        tool: 't',
        status: 'completed',
        arguments: { q: 1 },
        result: { content: [{ type: 'text', text: 'r' }] },
        error: null,
      },
      { kind: 'mcp', server: 's', tool: 't', arguments: '{"q":1}', result: 'r', error: null },
    ],
    [
      { type: 'webSearch', id: 'g', query: 'codex' },
      { kind: 'web_search', query: 'codex' },
    ],
    [
      { type: 'contextCompaction', id: 'h' },
      { kind: 'task', event: 'compacted' },
    ],
  ])('maps %o', (item, expected) => {
    expect(activityFromItem(item)).toMatchObject({ id: item.id, ...expected });
  });

  it('leaves out item types the transcript does not show', () => {
    expect(activityFromItem({ type: 'hookPrompt', id: 'x', fragments: [] })).toBeNull();
    expect(activityFromItem({ type: 'somethingNew', id: 'y' })).toBeNull();
  });
});

describe('planFromUpdate', () => {
  it('makes the turn/plan/updated checklist one plan item per turn, in the step words the transcript uses', () => {
    const update = {
      threadId: 't',
      turnId: 'u1',
      explanation: 'Split it up',
      plan: [
        { step: 'Move the lexer', status: 'completed' },
        { step: 'Fix the imports', status: 'inProgress' },
        { step: 'Run the tests', status: 'pending' },
      ],
    };
    expect(planFromUpdate(update)).toEqual({
      turnId: 'u1',
      item: {
        id: 'plan-u1',
        atIso: null,
        kind: 'plan',
        explanation: 'Split it up',
        steps: [
          { step: 'Move the lexer', status: 'completed' },
          { step: 'Fix the imports', status: 'in_progress' },
          { step: 'Run the tests', status: 'pending' },
        ],
      },
    });
    expect(planFromUpdate({ ...update, explanation: null, plan: [] })?.item).toMatchObject({ explanation: null, steps: [] });
    expect(planFromUpdate({ threadId: 't' })).toBeNull();
  });
});

describe('liveStatusOf and turnStatusOf', () => {
  it.each([
    [{ type: 'active', activeFlags: [] }, 0, 'working'],
    [{ type: 'active', activeFlags: [] }, 1, 'needs_approval'],
    [{ type: 'active', activeFlags: ['waitingOnUserInput'] }, 0, 'needs_approval'],
    [{ type: 'idle' }, 0, 'idle'],
    [{ type: 'systemError' }, 0, 'error'],
    [{ type: 'notLoaded' }, 0, 'closed'],
    [undefined, 0, 'closed'],
  ])('%o with %i open approvals is %s', (status, pending, expected) => {
    expect(liveStatusOf(status, pending)).toBe(expected);
  });

  it('reads turn statuses', () => {
    expect(['completed', 'interrupted', 'failed', 'inProgress', 'new'].map(turnStatusOf)).toEqual([
      'completed',
      'interrupted',
      'failed',
      'in_progress',
      'in_progress',
    ]);
  });
});
