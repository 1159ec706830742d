// Loads a session's usage and latest-turn activity, then follows usage/activity pushes from the tab's one event
// stream. After a reconnect it reloads the snapshot (the server is the source of truth); pushes that land while a
// snapshot loads are replayed on top of it (useSnapshot), so an append is not lost to an older snapshot.
import { ApiError, api } from '../../../src/shared/api.js';
import type { PushMessage } from '../../../src/shared/push.js';
import { call } from '../api.js';
import { useSnapshot } from '../hooks/useSnapshot.js';
import { applyRolloutPush, emptyView, type RolloutView } from './model.js';

type RolloutPush = Extract<PushMessage, { type: 'usage.updated' | 'activity.appended' }>;

async function load(sessionId: string): Promise<RolloutView> {
  try {
    const [u, a] = await Promise.all([call(api.usage, { sessionId }), call(api.activity, { sessionId })]);
    return { usage: u.usage, activity: a.activity, note: null };
  } catch (error) {
    // No rollout file yet is the usual reason; the note says what the server said.
    if (error instanceof ApiError) return { ...emptyView, note: error.message };
    throw error;
  }
}

export function useRollout(sessionId: string): RolloutView {
  return useSnapshot<RolloutView, RolloutPush>(sessionId, {
    initial: emptyView,
    load: () => load(sessionId),
    select: (msg) => (msg.type === 'usage.updated' || msg.type === 'activity.appended' ? msg : null),
    apply: (view, msg) => applyRolloutPush(view, sessionId, msg),
  }).snapshot;
}
