// Finds where the latest turn starts, and the thread total before it, by reading the file backwards, so a
// snapshot of a 200 MB rollout costs about as much as one turn. Only lines that could matter are parsed.

import type { TokenInfo } from './event.js';
import { readLinesBackward } from './lines.js';
import { classifyLine } from './reader.js';
import { parseTokenInfo } from './usage.js';

const SCAN_LIMIT = 512 * 1024 * 1024;
/** Lines between an old-style user_message and its task_started (turn_context, the response_item twin, …). */
const LOOKBACK_LINES = 16;

/**
 * Byte offset of the latest turn's first line: its task_started, or for rollouts without task_started
 * the latest user_message event. 0 when the file has no turn marker (read it whole).
 */
export async function findLatestTurnStart(path: string): Promise<number> {
  let userAt: number | null = null;
  let sinceUser = 0;
  let found: number | null = null;
  await readLinesBackward(
    path,
    (buf, s, e, offset) => {
      const c = classifyLine(buf, s, e);
      if (!c) return;
      const isStart = c.type === 'event_msg' && (c.sub === 'task_started' || c.sub === 'turn_started');
      if (isStart) {
        found = offset;
        return false;
      }
      if (userAt === null) {
        if (c.type === 'event_msg' && c.sub === 'user_message') userAt = offset;
        return;
      }
      // After an old-style user_message: a task_started just before it still opens the same turn.
      sinceUser++;
      const between = c.type === 'turn_context' || (c.type === 'response_item' && c.sub === 'message') || c.type === 'world_state';
      if (!between || sinceUser > LOOKBACK_LINES || c.type === 'session_meta') {
        found = userAt;
        return false;
      }
    },
    { maxBytes: SCAN_LIMIT },
  );
  return found ?? userAt ?? 0;
}

/** The token figures as last reported before byte `before` (null if none). */
export async function findUsageBefore(path: string, before: number): Promise<TokenInfo | null> {
  if (before <= 0) return null;
  let found: TokenInfo | null = null;
  await readLinesBackward(
    path,
    (buf, s, e) => {
      const c = classifyLine(buf, s, e);
      if (c?.type !== 'event_msg' || c.sub !== 'token_count') return;
      try {
        const payload = (JSON.parse(buf.toString('utf8', s, e)) as { payload?: { info?: unknown } }).payload;
        const info = parseTokenInfo(payload?.info);
        if (info?.total) {
          found = info;
          return false;
        }
      } catch {
        // a broken line does not stop the search
      }
    },
    { before, maxBytes: SCAN_LIMIT },
  );
  return found;
}
