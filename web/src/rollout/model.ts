// Pure folding of rollout pushes into what the panel shows: a new turn key starts a fresh list, items with
// an id already shown replace it in place (a newer plan), and pushes for other sessions are ignored.
import type { PushMessage } from '../../../src/shared/push.js';
import type { ActivitySnapshot, UsageSnapshot } from '../../../src/shared/rollout.js';
import { upsertItems } from '../lib/activity-items.js';

export interface RolloutView {
  usage: UsageSnapshot | null;
  activity: ActivitySnapshot;
  /** Why there is nothing to show (no rollout yet), in words. */
  note: string | null;
}

export const emptyView: RolloutView = { usage: null, activity: { turn: null, items: [] }, note: null };

export function applyRolloutPush(view: RolloutView, sessionId: string, msg: PushMessage): RolloutView {
  if (msg.type === 'usage.updated' && msg.sessionId === sessionId) return { ...view, usage: msg.usage, note: null };
  if (msg.type === 'activity.appended' && msg.sessionId === sessionId) {
    const same = view.activity.turn?.key === msg.turn.key;
    return { ...view, note: null, activity: { turn: msg.turn, items: upsertItems(same ? view.activity.items : [], msg.items) } };
  }
  return view;
}

/** 12345 → "12.3k"; keeps small numbers exact. */
export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
