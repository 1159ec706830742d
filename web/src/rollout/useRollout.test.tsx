// @vitest-environment happy-dom
// A push that lands while the rollout snapshot loads is replayed on top of it, not overwritten by the older snapshot.
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushMessage } from '../../../src/shared/push.js';
import type { ActivityItem, TurnInfo, UsageSnapshot } from '../../../src/shared/rollout.js';
import { pushBus } from '../lib/pushBus.js';
import { useRollout } from './useRollout.js';

const turn: TurnInfo = { key: 't1', startedAtIso: null, completedAtIso: null, state: 'running' };
const item = (id: string, text: string): ActivityItem => ({ id, atIso: null, kind: 'message', text });
const usage = (used: number): UsageSnapshot => ({
  context: { used, window: null, percent: null },
  lastTurn: null,
  total: null,
  rateLimits: { fiveHour: null, weekly: null, planType: null, reachedType: null },
  updatedAtIso: null,
});

/** fetch answers that the test releases when it chooses, so a push can land while the snapshot is in flight. */
let answers: { url: string; release: (body: unknown) => void }[] = [];
const answered = (url: string) => answers.find((a) => a.url === url);

beforeEach(() => {
  answers = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(
      (url: string) =>
        new Promise<Response>((resolve) => {
          answers.push({ url, release: (body) => resolve(new Response(JSON.stringify(body), { status: 200 })) });
        }),
    ),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function snapshotInFlight() {
  const hook = renderHook(() => useRollout('s1'));
  await waitFor(() => expect(answers).toHaveLength(2));
  return hook;
}

function landSnapshot(body: { usage: UsageSnapshot; items: ActivityItem[] }) {
  answered('/api/sessions/s1/usage')?.release({ ok: true, usage: body.usage });
  answered('/api/sessions/s1/activity')?.release({ ok: true, activity: { turn, items: body.items }, unknownRecords: {} });
}

const push = (msg: PushMessage) => act(() => pushBus.emit(msg));

describe('useRollout', () => {
  it('keeps an activity.appended that lands while its (older) snapshot loads', async () => {
    const { result } = await snapshotInFlight();
    push({ type: 'activity.appended', sessionId: 's1', turn, items: [item('m2', 'newer')] });
    landSnapshot({ usage: usage(10), items: [item('m1', 'older')] });
    await waitFor(() => expect(result.current.activity.items.map((i) => i.id)).toEqual(['m1', 'm2']));
    expect(result.current.activity.turn).toEqual(turn);
  });

  it('keeps a usage.updated that lands while the snapshot loads, and ignores pushes for other sessions', async () => {
    const { result } = await snapshotInFlight();
    push({ type: 'usage.updated', sessionId: 's1', usage: usage(20) });
    push({ type: 'usage.updated', sessionId: 's2', usage: usage(99) });
    landSnapshot({ usage: usage(10), items: [] });
    await waitFor(() => expect(result.current.activity.turn).toEqual(turn));
    expect(result.current.usage?.context?.used).toBe(20);
  });

  it('an append the snapshot already has is shown once', async () => {
    const { result } = await snapshotInFlight();
    push({ type: 'activity.appended', sessionId: 's1', turn, items: [item('m1', 'same')] });
    landSnapshot({ usage: usage(10), items: [item('m1', 'same')] });
    await waitFor(() => expect(result.current.usage).not.toBeNull());
    expect(result.current.activity.items).toEqual([item('m1', 'same')]);
  });

  it('after the snapshot, pushes apply at once', async () => {
    const { result } = await snapshotInFlight();
    landSnapshot({ usage: usage(10), items: [item('m1', 'older')] });
    await waitFor(() => expect(result.current.usage).not.toBeNull());
    push({ type: 'activity.appended', sessionId: 's1', turn, items: [item('m2', 'newer')] });
    expect(result.current.activity.items.map((i) => i.id)).toEqual(['m1', 'm2']);
  });
});
