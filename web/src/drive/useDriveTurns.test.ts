import { describe, expect, it } from 'vitest';
import type { DriveSnapshot, DriveTurn } from '../../../src/shared/drive.js';
import { applyDrivePush } from './useDriveTurns.js';

const zero = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0 };
const empty: DriveSnapshot = { settings: null, turns: [], usage: zero, running: false };
const turn = (status: DriveTurn['status'], usage: DriveTurn['usage'] = null): DriveTurn =>
  ({
    id: 't1',
    sessionId: 's',
    threadId: null,
    promptId: null,
    prompt: 'p',
    images: [],
    status,
    error: null,
    exitCode: null,
    usage,
    startedAt: 'x',
    endedAt: null,
  }) as unknown as DriveTurn;

describe('applyDrivePush', () => {
  it('adds a turn, its events once each, then its final state and usage', () => {
    let snap = applyDrivePush(empty, { type: 'drive.turn', sessionId: 's', turn: turn('running') });
    expect(snap.running).toBe(true);
    const event = { seq: 1, at: 'x', kind: 'turn_started' as const };
    snap = applyDrivePush(snap, { type: 'drive.event', sessionId: 's', turnId: 't1', event });
    snap = applyDrivePush(snap, { type: 'drive.event', sessionId: 's', turnId: 't1', event });
    expect(snap.turns[0]?.events).toHaveLength(1);
    const usage = { inputTokens: 10, cachedInputTokens: 4, outputTokens: 3, reasoningOutputTokens: 1 };
    snap = applyDrivePush(snap, { type: 'drive.turn', sessionId: 's', turn: turn('completed', usage) });
    expect(snap).toMatchObject({ running: false, usage });
    expect(snap.turns).toHaveLength(1);
    expect(snap.turns[0]?.events).toHaveLength(1);
  });

  it('ignores events of a turn it does not know yet (the snapshot reload brings them)', () => {
    const snap = applyDrivePush(empty, {
      type: 'drive.event',
      sessionId: 's',
      turnId: 'nope',
      event: { seq: 1, at: 'x', kind: 'turn_started' },
    });
    expect(snap).toBe(empty);
  });
});
