// How a list of activity items takes new ones, for both the rollout panel and live threads: an item with an id already
// shown replaces it in place (a newer plan, a finished command), the rest are appended in the order first seen.
import type { ActivityItem } from '../../../src/shared/rollout.js';

/** Replaces items by id where they are known, appends the rest, keeping the first-seen order. */
export function upsertItems(items: ActivityItem[], incoming: ActivityItem[]): ActivityItem[] {
  if (incoming.length === 0) return items;
  const out = [...items];
  for (const item of incoming) {
    const at = out.findIndex((i) => i.id === item.id);
    if (at === -1) out.push(item);
    else out[at] = item;
  }
  return out;
}
