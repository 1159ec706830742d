// Queue tray rules: which items can still change, and the id order after moving one.
import type { PromptId } from '../../../src/shared/ids.js';
import type { Prompt } from '../../../src/shared/schemas.js';

/** Only `queued` prompts can be edited, deleted or moved; the rest are already on their way to Codex. */
export function isEditable(item: Pick<Prompt, 'state'>): boolean {
  return item.state === 'queued';
}

/** The order to PUT after moving one queued item up (-1) or down (+1); null when it cannot move. */
export function movedOrder(queue: readonly Prompt[], id: PromptId, delta: -1 | 1): PromptId[] | null {
  const queued = queue.filter(isEditable).sort((a, b) => a.position - b.position);
  const index = queued.findIndex((i) => i.id === id);
  const target = index + delta;
  if (index < 0 || target < 0 || target >= queued.length) return null;
  const ids = queued.map((i) => i.id);
  const [moved] = ids.splice(index, 1);
  if (moved === undefined) return null;
  ids.splice(target, 0, moved);
  return ids;
}

/** What the tray lists: queued prompts, plus ones on their way that the timeline does not show yet (no duplicates). */
export function trayItems(queue: readonly Prompt[], timeline: readonly { promptId: string | null }[]): Prompt[] {
  const shown = new Set(timeline.map((e) => e.promptId).filter((id): id is string => id !== null));
  return queue.filter((i) => isEditable(i) || !shown.has(i.id));
}
