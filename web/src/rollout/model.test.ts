// Folding rollout pushes: new turn resets the list, same id replaces in place, other sessions ignored.
import { describe, expect, it } from 'vitest';
import type { ActivityItem, TurnInfo } from '../../../src/shared/rollout.js';
import { applyRolloutPush, compact, emptyView } from './model.js';

const turn = (key: string): TurnInfo => ({ key, startedAtIso: null, completedAtIso: null, state: 'running' });
const msg = (id: string, text: string): ActivityItem => ({ id, atIso: null, kind: 'message', text });

describe('applyRolloutPush', () => {
  it('appends, replaces by id, resets on a new turn, ignores other sessions', () => {
    let v = applyRolloutPush(emptyView, 's', {
      type: 'activity.appended',
      sessionId: 's',
      turn: turn('a'),
      items: [msg('1', 'one'), msg('2', 'two')],
    });
    v = applyRolloutPush(v, 's', { type: 'activity.appended', sessionId: 's', turn: turn('a'), items: [msg('2', 'TWO')] });
    expect(v.activity.items.map((i) => i.kind === 'message' && i.text)).toEqual(['one', 'TWO']);
    v = applyRolloutPush(v, 's', { type: 'activity.appended', sessionId: 'other', turn: turn('z'), items: [] });
    expect(v.activity.turn?.key).toBe('a');
    v = applyRolloutPush(v, 's', { type: 'activity.appended', sessionId: 's', turn: turn('b'), items: [msg('3', 'three')] });
    expect(v.activity.items).toHaveLength(1);
  });
  it('formats token counts compactly', () => {
    expect([compact(999), compact(1234), compact(45678), compact(2_500_000)]).toEqual(['999', '1.2k', '46k', '2.5M']);
  });
});
