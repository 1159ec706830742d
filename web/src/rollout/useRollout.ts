// Loads a session's usage and latest-turn activity, then follows usage/activity pushes from the tab's one event
// stream. After a reconnect it reloads the snapshot (the server is the source of truth); pushes that land while a
// snapshot loads are replayed on top of it (useSnapshot), so an append is not lost to an older snapshot.
import { z } from 'zod';
import type { PushMessage } from '../../../src/shared/push.js';
import { activitySnapshotSchema, usageSnapshotSchema } from '../../../src/shared/rollout.js';
import { useSnapshot } from '../hooks/useSnapshot.js';
import { applyRolloutPush, emptyView, type RolloutView } from './model.js';

type RolloutPush = Extract<PushMessage, { type: 'usage.updated' | 'activity.appended' }>;

const usageBody = z.object({ usage: usageSnapshotSchema });
const activityBody = z.object({ activity: activitySnapshotSchema });

async function load(sessionId: string): Promise<RolloutView> {
  const [u, a] = await Promise.all([fetch(`/api/sessions/${sessionId}/usage`), fetch(`/api/sessions/${sessionId}/activity`)]);
  if (!u.ok || !a.ok) {
    const body = (await (u.ok ? a : u).json().catch(() => null)) as { error?: string } | null;
    return { ...emptyView, note: body?.error ?? 'No Codex rollout for this session yet.' };
  }
  const usage = usageBody.safeParse(await u.json());
  const activity = activityBody.safeParse(await a.json());
  if (!usage.success || !activity.success) {
    console.warn('Dropped a rollout snapshot that does not match the schema');
    return { ...emptyView, note: 'The rollout snapshot was not understood. Reload the page.' };
  }
  return { usage: usage.data.usage, activity: activity.data.activity, note: null };
}

export function useRollout(sessionId: string): RolloutView {
  return useSnapshot<RolloutView, RolloutPush>(sessionId, {
    initial: emptyView,
    load: () => load(sessionId),
    select: (msg) => (msg.type === 'usage.updated' || msg.type === 'activity.appended' ? msg : null),
    apply: (view, msg) => applyRolloutPush(view, sessionId, msg),
  }).snapshot;
}
