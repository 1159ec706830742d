// Streams a rollout file into normalized events. Lines are classified by a cheap look at their leading
// `"type":"…"` bytes first, so records nobody needs (world_state, token_usage_record, …) are never JSON.parsed.

import { classifyLine, type LineClass } from './classify.js';
import { readLinesForward } from './lines.js';
import { decodeRecord, newStats, type RecordStats, type RolloutEvent } from './records.js';

export { classifyLine, type LineClass };

/** Line kinds no reader needs: large, or settings we do not show. */
export const NOISE_TYPES = new Set([
  'world_state',
  'token_usage_record',
  'turn_context',
  'dynamic_tools_updated',
  'realtime_item',
  'security_risk_score',
  'inter_agent_communication',
]);
const NOISE_SUBTYPES = new Set(['thread_settings_applied', 'additional_tools', 'agent_reasoning_raw_content']);

export type LineFilter = (c: LineClass, buf: Buffer, start: number, end: number) => boolean;

/** Keeps everything but noise (what an export needs). */
export const keepUseful: LineFilter = (c) => !NOISE_TYPES.has(c.type) && !(c.sub !== null && NOISE_SUBTYPES.has(c.sub));

/** Events that prove the file records tool calls as events, so their response_item twins can be skipped. */
const TOOL_EVENTS = new Set(['item_completed', 'exec_command_end', 'patch_apply_end']);
// function_call stays: it is small, names old commands that exec_command_end lacks, and carries update_plan.
const TWINS = new Set(['message', 'reasoning', 'function_call_output', 'custom_tool_call', 'custom_tool_call_output', 'web_search_call']);

/**
 * For usage and live activity: once the file has shown tool events (0.169 item_completed, older
 * exec_command_end), the large response_item twins of those events are skipped unparsed.
 */
export function liveFilter(): LineFilter {
  let eventsSeen = false;
  return (c, buf, start, end) => {
    if (!keepUseful(c, buf, start, end)) return false;
    if (c.type === 'event_msg' && c.sub !== null && TOOL_EVENTS.has(c.sub)) eventsSeen = true;
    return !eventsSeen || c.type !== 'response_item' || c.sub === null || !TWINS.has(c.sub);
  };
}

/** Decodes one raw line, or nothing if `keep` rejects it. Malformed JSON is counted, never thrown. */
export function decodeLine(
  buf: Buffer,
  start: number,
  end: number,
  offset: number,
  stats: RecordStats,
  keep: LineFilter = keepUseful,
): RolloutEvent[] {
  stats.lines++;
  const c = classifyLine(buf, start, end);
  if (c && !keep(c, buf, start, end)) {
    stats.skipped++;
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(buf.toString('utf8', start, end));
  } catch {
    stats.malformed++;
    return [];
  }
  stats.parsed++;
  return decodeRecord(value, offset, stats);
}

export interface ScanResult {
  /** Where a later read should continue (after the last complete line). */
  next: number;
  stats: RecordStats;
}

/** Reads `path` from byte `from` and hands each event to `onEvent`. */
export async function scanRollout(
  path: string,
  onEvent: (ev: RolloutEvent) => void,
  opts: { from?: number; keep?: LineFilter; signal?: AbortSignal; stats?: RecordStats; includePartialTail?: boolean } = {},
): Promise<ScanResult> {
  const stats = opts.stats ?? newStats();
  const result = await readLinesForward(
    path,
    opts.from ?? 0,
    (buf, s, e, offset) => {
      for (const ev of decodeLine(buf, s, e, offset, stats, opts.keep)) onEvent(ev);
    },
    { signal: opts.signal, includePartialTail: opts.includePartialTail },
  );
  return { next: result.next, stats };
}
