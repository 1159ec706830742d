// Reads JSONL files as raw byte ranges, forwards from an offset or backwards from the end, with flat memory.
// Lines are handed over undecoded (Buffer + range) so callers can skip the ones they do not need.
import { open } from 'node:fs/promises';

const NL = 0x0a;
/** Bytes per read call; the benchmark gives its plain loop the same read size. */
export const READ_CHUNK = 1 << 20;

/** Gets one complete line `buf[start, end)` (no newline) that begins at byte `offset` of the file. Return false to stop. */
// biome-ignore lint/suspicious/noConfusingVoidType: sinks that never stop are plain `void` callbacks
export type LineSink = (buf: Buffer, start: number, end: number, offset: number) => boolean | undefined | void;

export interface ForwardResult {
  /** Byte offset just after the last complete line read: where the next read should start. */
  next: number;
  /** File size seen when the read began. */
  size: number;
  stopped: boolean;
}

/**
 * Reads complete lines from `from` to the end of the file. A trailing line without its newline is left
 * for the next call (Codex may be half way through writing it), unless `includePartialTail` is set.
 */
export async function readLinesForward(
  path: string,
  from: number,
  sink: LineSink,
  opts: { includePartialTail?: boolean; signal?: AbortSignal } = {},
): Promise<ForwardResult> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    let buf = Buffer.allocUnsafe(Math.min(READ_CHUNK, Math.max(64, size - from)));
    let filled = 0;
    let pos = from;
    let lineStartOffset = from;
    while (pos < size) {
      opts.signal?.throwIfAborted();
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, filled, Math.min(buf.length - filled, size - pos), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      filled += bytesRead;
      let start = 0;
      for (let nl = buf.indexOf(NL, start); nl !== -1 && nl < filled; nl = buf.indexOf(NL, start)) {
        const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
        if (end > start && sink(buf, start, end, lineStartOffset) === false) {
          return { next: lineStartOffset + (nl + 1 - start), size, stopped: true };
        }
        lineStartOffset += nl + 1 - start;
        start = nl + 1;
      }
      if (start > 0) {
        buf.copy(buf, 0, start, filled);
        filled -= start;
      }
    }
    if (opts.includePartialTail && filled > 0) {
      sink(buf, 0, filled, lineStartOffset);
      return { next: lineStartOffset + filled, size, stopped: false };
    }
    return { next: lineStartOffset, size, stopped: false };
  } finally {
    await fh.close();
  }
}

/**
 * Reads complete lines from the end of the file towards its start (newest first), at most `maxBytes`.
 * A trailing line without a newline is skipped: it is still being written.
 */
export async function readLinesBackward(
  path: string,
  sink: LineSink,
  opts: { maxBytes?: number; before?: number } = {},
): Promise<{ exhausted: boolean }> {
  const fh = await open(path, 'r');
  try {
    const size = opts.before ?? (await fh.stat()).size;
    const limit = Math.max(0, size - (opts.maxBytes ?? Number.POSITIVE_INFINITY));
    let end = size;
    let carry: Buffer = Buffer.alloc(0);
    let first = opts.before === undefined;
    while (end > limit) {
      const start = Math.max(limit, end - READ_CHUNK);
      const chunk = Buffer.allocUnsafe(end - start);
      await fh.read(chunk, 0, chunk.length, start);
      const data = carry.length > 0 ? Buffer.concat([chunk, carry]) : chunk;
      let lineEnd = data.length;
      if (first) {
        // Skip an unterminated last line; it may span several chunks.
        const lastNl = data.lastIndexOf(NL);
        if (lastNl === -1 && start > limit) {
          end = start;
          continue;
        }
        lineEnd = lastNl + 1;
        first = false;
      }
      // data[lineEnd-1] is '\n' (or lineEnd is 0); walk lines backwards.
      let stopAt = lineEnd;
      while (stopAt > 0) {
        const nl = stopAt - 1 > 0 ? data.lastIndexOf(NL, stopAt - 2) : -1;
        if (nl === -1 && (start > limit || limit > 0)) break; // the line starts in an earlier chunk (or before the cap)
        const s = nl + 1;
        const e = data[stopAt - 2] === 0x0d ? stopAt - 2 : stopAt - 1;
        if (e > s && sink(data, s, e, start + s) === false) return { exhausted: false };
        stopAt = s;
      }
      carry = Buffer.from(data.subarray(0, stopAt));
      end = start;
    }
    return { exhausted: limit === 0 };
  } finally {
    await fh.close();
  }
}
