// Streams a rollout file into normalized events. Lines are classified by a cheap look at their leading
// `"type":"…"` bytes first, so records nobody needs (world_state, token_usage_record, …) are never JSON.parsed.

import { classifyLine, type LineClass } from './classify.js';
import type { RolloutEvent } from './event.js';
import { readLinesForward } from './lines.js';
import { decodeRecord, newStats, QUIET_RECORD_TYPES, type RecordStats } from './records.js';
import { twinLineSkipper } from './twins.js';

export { classifyLine, type LineClass };

/** Subtypes no reader needs: large, or settings we do not show (quiet record types are skipped whole). */
const NOISE_SUBTYPES = new Set(['thread_settings_applied', 'additional_tools', 'agent_reasoning_raw_content']);

export type LineFilter = (c: LineClass, buf: Buffer, start: number, end: number) => boolean;

/** Keeps everything but noise (what an export needs). */
export const keepUseful: LineFilter = (c) => !QUIET_RECORD_TYPES.has(c.type) && !(c.sub !== null && NOISE_SUBTYPES.has(c.sub));

/** For usage and live activity: keeps what `keepUseful` keeps, minus the response_item twins of tool events. */
export function liveFilter(): LineFilter {
  const isTwin = twinLineSkipper();
  return (c, buf, start, end) => keepUseful(c, buf, start, end) && !isTwin(c);
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
