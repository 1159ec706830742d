// Loads a session's usage and latest-turn activity, then follows usage/activity pushes on its own event
// stream. After a reconnect it reloads the snapshot (the server is the source of truth).
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { pushMessageSchema } from '../../../src/shared/push.js';
import { activitySnapshotSchema, usageSnapshotSchema } from '../../../src/shared/rollout.js';
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
  useEffect(() => {
    let alive = true;
    setView(emptyView);
    const refresh = () =>
      void load(sessionId)
        .then((v) => alive && setView(v))
        .catch(() => undefined);
    const source = new EventSource('/api/events');
    source.onopen = refresh;
    source.onmessage = (e: MessageEvent<string>) => {
      let raw: unknown;
      try {
        raw = JSON.parse(e.data);
      } catch {
        return;
      }
      const decoded = pushMessageSchema.safeParse(raw);
      if (!decoded.success) return; // other features' pushes are decoded (and logged) by the main stream
      if (decoded.data.type === 'usage.updated' || decoded.data.type === 'activity.appended') {
        const msg = decoded.data;
        setView((v) => applyRolloutPush(v, sessionId, msg));
      }
    };
    return () => {
      alive = false;
      source.close();
    };
  }, [sessionId]);
  return view;
}
