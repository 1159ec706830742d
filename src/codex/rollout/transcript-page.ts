// Reads one page of a rollout's transcript: whole lines only, found from a byte offset, so opening the end of a 200 MB
// file reads as little as a small one. The newest page reads backwards from the end; `before`, `after` and `at` read
// from an offset. A last line without its newline is left out (Codex may be half way through writing it).
import { open } from 'node:fs/promises';
import { TRANSCRIPT_PAGE_ITEMS, type TranscriptItem, type TranscriptPage } from '../../shared/transcript.js';
import type { TokenUsage } from '../../shared/usage.js';
import { ZERO_USAGE } from '../../shared/usage-math.js';
import { classifyLine } from './classify.js';
import type { RolloutEvent } from './event.js';
import { readLinesBackward, readLinesForward } from './lines.js';
import { decodeLine } from './reader.js';
import { newStats, QUIET_RECORD_TYPES } from './records.js';
import { obj } from './records-text.js';
import { TranscriptFold } from './transcript.js';
import { parseCounts } from './usage.js';

/** A page stops once it has read this much, whatever it found (at least one line). */
const PAGE_BYTES = 2 * 1024 * 1024;
/** Line types of the `{type, payload}` wrapper, which tells a 2025 H1 bare file from the rest. */
const WRAPPED = new Set(['session_meta', 'event_msg', 'response_item', 'turn_context', 'compacted', ...QUIET_RECORD_TYPES]);
const VISIBLE = new Set(['user', 'agent', 'command', 'files', 'mcp', 'search', 'plan', 'call.output', 'turn.end', 'turn.aborted']);

interface Line {
  offset: number;
  /** Offset just past the line's newline. */
  next: number;
  wrapped: boolean;
  events: RolloutEvent[];
  turnUsage: TokenUsage | null;
}

function decode(buf: Buffer, s: number, e: number, offset: number, stats = newStats()): Line {
  const crlf = buf[e] === 0x0d ? 1 : 0;
  const c = classifyLine(buf, s, e);
  let turnUsage: TokenUsage | null = null;
  if (c?.type === 'token_usage_record') {
    try {
      turnUsage = parseCounts(obj(obj(JSON.parse(buf.toString('utf8', s, e))).payload).turn_token_usage);
    } catch {
      // a malformed usage record only loses the turn's figure
    }
  }
  return {
    offset,
    next: offset + (e - s) + crlf + 1,
    wrapped: c !== null && WRAPPED.has(c.type),
    events: decodeLine(buf, s, e, offset, stats),
    turnUsage,
  };
}

const visible = (l: Line) => l.events.reduce((n, ev) => n + (VISIBLE.has(ev.kind) ? 1 : 0), 0);

/** The start of the line holding byte `at` (offsets from a client are snapped, never trusted to be line starts). */
async function lineStart(path: string, at: number): Promise<number> {
  if (at <= 0) return 0;
  const fh = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (let end = at; end > 0; ) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await fh.read(chunk, 0, end - start, start);
      const nl = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (nl !== -1) return start + nl + 1;
      end = start;
    }
    return 0;
  } finally {
    await fh.close();
  }
}

async function backward(path: string, before: number | undefined, want: number): Promise<Line[]> {
  const lines: Line[] = [];
  let items = 0;
  let bytes = 0;
  await readLinesBackward(
    path,
    (buf, s, e, offset) => {
      const line = decode(buf, s, e, offset);
      lines.push(line);
      items += visible(line);
      bytes += e - s;
      return items >= want || bytes >= PAGE_BYTES ? false : undefined;
    },
    { before },
  );
  return lines.reverse();
}

async function forward(path: string, from: number, want: number): Promise<{ lines: Line[]; end: number }> {
  const lines: Line[] = [];
  let items = 0;
  let bytes = 0;
  const result = await readLinesForward(path, from, (buf, s, e, offset) => {
    const line = decode(buf, s, e, offset);
    lines.push(line);
    items += visible(line);
    bytes += e - s;
    return items >= want || bytes >= PAGE_BYTES ? false : undefined;
  });
  return { lines, end: result.next };
}

/** The items of `lines` (consecutive whole lines starting at `start`). */
function foldLines(lines: readonly Line[], start: number, atFileEnd: boolean): TranscriptItem[] {
  const fold = new TranscriptFold({ wrapped: lines.some((l) => l.wrapped), totalBefore: start === 0 ? ZERO_USAGE : null });
  for (const line of lines) {
    fold.turnTokens(line.turnUsage);
    for (const ev of line.events) fold.apply(ev);
  }
  return fold.finish(atFileEnd);
}

/** One page of the transcript of the rollout at `path`; see transcriptQuerySchema for the cursors. */
export async function readTranscriptPage(
  path: string,
  threadId: string,
  q: { before?: number; after?: number; at?: number; limit?: number },
): Promise<TranscriptPage> {
  const fh = await open(path, 'r');
  const size = (await fh.stat()).size;
  await fh.close();
  const want = q.limit ?? TRANSCRIPT_PAGE_ITEMS;
  let lines: Line[];
  let anchor: number | null = null;
  if (q.at !== undefined) {
    anchor = await lineStart(path, Math.min(q.at, size));
    const later = await forward(path, anchor, Math.ceil((want * 2) / 3));
    const earlier = anchor > 0 ? await backward(path, anchor, Math.floor(want / 3)) : [];
    lines = [...earlier, ...later.lines];
  } else if (q.after !== undefined) {
    lines = (await forward(path, await lineStart(path, Math.min(q.after, size)), want)).lines;
  } else if (q.before !== undefined) {
    const before = await lineStart(path, Math.min(q.before, size));
    lines = before > 0 ? await backward(path, before, want) : [];
  } else {
    lines = await backward(path, undefined, want);
  }
  const first = lines[0];
  const last = lines.at(-1);
  const start = first?.offset ?? anchor ?? q.before ?? q.after ?? 0;
  const end = last?.next ?? start;
  // A last line still being written is not a line yet: the page ends where the complete lines end.
  const atFileEnd = end >= size || !(await hasCompleteLineFrom(path, end, size));
  const items = foldLines(lines, start, atFileEnd);
  for (const item of items) if (item.kind === 'turn' && item.tokens === null) item.tokens = await turnUsageBefore(path, item.offset);
  return {
    threadId,
    items,
    start,
    end,
    size,
    hasEarlier: start > 0,
    hasLater: !atFileEnd,
    anchor,
  };
}

/** Folds every complete line from `from` to the end, handing each item over as it completes (exports stream it). */
export async function foldRolloutFrom(
  path: string,
  from: number,
  onItem: (item: TranscriptItem) => void,
  signal?: AbortSignal,
): Promise<void> {
  let fold: TranscriptFold | null = null;
  const stats = newStats();
  await readLinesForward(
    path,
    from,
    (buf, s, e, offset) => {
      const line = decode(buf, s, e, offset, stats);
      // The first line tells the format: the wrapper (session_meta, event_msg, …) or a 2025 H1 bare file.
      fold ??= new TranscriptFold({ wrapped: line.wrapped, totalBefore: from === 0 ? ZERO_USAGE : null, onItem });
      fold.turnTokens(line.turnUsage);
      for (const ev of line.events) fold.apply(ev);
    },
    { signal },
  );
  (fold as TranscriptFold | null)?.finish(true);
}

/**
 * The turn's own usage (0.169's token_usage_record) written before its end at `end`, for a turn that began on an
 * earlier page, so a turn shows the same figure whichever page holds its end. Stops at the turn's start.
 */
async function turnUsageBefore(path: string, end: number): Promise<TokenUsage | null> {
  let found: TokenUsage | null = null;
  await readLinesBackward(
    path,
    (buf, s, e) => {
      const c = classifyLine(buf, s, e);
      if (c?.type === 'event_msg' && (c.sub === 'task_started' || c.sub === 'turn_started')) return false;
      if (c?.type !== 'token_usage_record') return undefined;
      found = decode(buf, s, e, 0).turnUsage;
      return false;
    },
    { before: end, maxBytes: PAGE_BYTES },
  );
  return found;
}

async function hasCompleteLineFrom(path: string, from: number, size: number): Promise<boolean> {
  let found = false;
  if (from >= size) return false;
  await readLinesForward(path, from, () => {
    found = true;
    return false;
  });
  return found;
}
