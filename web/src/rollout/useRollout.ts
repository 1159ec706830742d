// Loads a session's usage and latest-turn activity, then follows usage/activity pushes from the tab's one event
// stream. After a reconnect it reloads the snapshot (the server is the source of truth).
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { activitySnapshotSchema, usageSnapshotSchema } from '../../../src/shared/rollout.js';
import { usePushes } from '../lib/pushBus.js';
import { applyRolloutPush, emptyView, type RolloutView } from './model.js';

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
  const [view, setView] = useState<RolloutView>(emptyView);
  const generation = useRef(0);
  usePushes(
    sessionId,
    (msg) => {
      if (msg.type === 'usage.updated' || msg.type === 'activity.appended') setView((v) => applyRolloutPush(v, sessionId, msg));
    },
    () => {
      const mine = ++generation.current;
      void load(sessionId)
        .then((v) => mine === generation.current && setView(v))
        .catch(() => undefined);
    },
  );
  useEffect(() => () => void generation.current++, []);
  return view;
}
