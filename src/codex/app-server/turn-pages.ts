// A thread's turns read from the daemon a page at a time, as live turns: what the history view pages through and
// what following a running thread reads of the turn it joins.
import type { LiveHistory, LiveTurn } from '../../shared/live.js';
import { isEphemeralHistory, isNoRolloutYet } from './errors.js';
import type { ThreadCalls } from './thread-calls.js';
import { activityFromItem, turnStatusOf } from './thread-items.js';

type Loose = Record<string, unknown>;

/** A v2 `Turn` as a live turn: its status in our words, its items as activities (kinds we do not show are left out). */
export function liveTurnOf(turn: Loose): LiveTurn {
  const error = turn.error as Loose | null | undefined;
  return {
    id: String(turn.id),
    status: turnStatusOf(turn.status),
    items: (Array.isArray(turn.items) ? turn.items : []).map(activityFromItem).filter((i) => i !== null),
    error: typeof error?.message === 'string' ? error.message : null,
  };
}

/**
 * The `limit` turns before the cursor `before` (null: the newest), oldest first, with the cursor of the page older
 * than this one. A thread whose first turn Codex has not written yet (or never writes, being ephemeral) has none.
 */
export async function turnPage(
  client: Pick<ThreadCalls, 'listTurns' | 'readThread'>,
  threadId: string,
  before: string | null,
  limit: number,
): Promise<LiveHistory> {
  let page: { data?: Loose[]; nextCursor?: string | null };
  try {
    page = (await client.listTurns({ threadId, limit, sortDirection: 'desc', cursor: before, itemsView: 'full' } as never)) as typeof page;
  } catch (error) {
    if (!before && (isNoRolloutYet(error) || isEphemeralHistory(error))) return { turns: [], before: null };
    // A thread kept in Codex's older history format cannot be paged: its newest turns come from reading it whole.
    if (before || !/not supported/i.test((error as Error).message)) throw error;
    const read = (await client.readThread(threadId, { includeTurns: true })) as { thread?: { turns?: Loose[] } };
    page = { data: (read.thread?.turns ?? []).slice(-limit).reverse(), nextCursor: null };
  }
  return { turns: (page.data ?? []).map(liveTurnOf).reverse(), before: page.nextCursor ?? null };
}
