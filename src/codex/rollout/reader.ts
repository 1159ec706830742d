// Streams a rollout file into normalized events. Lines are classified by a cheap look at their leading
// `"type":"…"` bytes first, so records nobody needs (world_state, token_usage_record, …) are never JSON.parsed.

import { readLinesForward } from './lines.js';
import { decodeRecord, newStats, type RecordStats, type RolloutEvent } from './records.js';

const TYPE_MARK = Buffer.from('"type":"');
const PAYLOAD_TYPE = Buffer.from('","payload":{"type":"');
const QUOTE = 0x22;
const BRACE = 0x7b;

export interface LineClass {
  type: string;
  sub: string | null;
}

/**
 * Reads the outer `type` and, when it follows directly, the payload's `type` from a raw line without parsing
 * it. Returns null when the line does not have the usual `{"timestamp":…,"type":"…"` shape.
 */
export function classifyLine(buf: Buffer, start: number, end: number): LineClass | null {
  const at = buf.indexOf(TYPE_MARK, start);
  if (at === -1 || at >= end || at - start > 96) return null;
  for (let i = start + 1; i < at; i++) if (buf[i] === BRACE) return null; // "type" belongs to a nested object
  const vStart = at + TYPE_MARK.length;
  const vEnd = buf.indexOf(QUOTE, vStart);
  if (vEnd === -1 || vEnd >= end || vEnd - vStart > 64) return null;
  const type = buf.toString('latin1', vStart, vEnd);
  let sub: string | null = null;
  if (buf.compare(PAYLOAD_TYPE, 0, PAYLOAD_TYPE.length, vEnd, vEnd + PAYLOAD_TYPE.length) === 0) {
    const sStart = vEnd + PAYLOAD_TYPE.length;
    const sEnd = buf.indexOf(QUOTE, sStart);
    if (sEnd !== -1 && sEnd < end && sEnd - sStart <= 64) sub = buf.toString('latin1', sStart, sEnd);
  }
  return { type, sub };
}

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
