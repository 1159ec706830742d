// Reads the complete lines of a file from a byte offset, synchronously: the index worker has no event loop work to
// interleave, and a synchronous read saves the thread-pool round trip of each chunk (a sixth of a build's time).
// Like codex/rollout/lines.ts, a last line without its newline is left for the next read: Codex may be writing it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { LineSink } from '../codex/rollout/lines.js';

const CHUNK = 4 << 20;
const NL = 0x0a;
/**
 * The buffer of the last read, reused by the next: a fresh one per file had the kernel zero every page of it first,
 * which cost a build more than copying the bytes in. Lines handed to a sink are views of it, valid during the call.
 */
let spare: Buffer | null = null;

/** Hands each complete line from `from` on to `sink`; returns the offset after the last one and the size read up to. */
export function readLinesSync(path: string, from: number, sink: LineSink): { next: number; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const want = Math.min(CHUNK, Math.max(64, size - from));
    let buf = spare && spare.length >= want ? spare : Buffer.allocUnsafe(want);
    spare = null;
    let filled = 0;
    let pos = from;
    let lineStart = from;
    while (pos < size) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readSync(fd, buf, filled, Math.min(buf.length - filled, size - pos), pos);
      if (n === 0) break;
      pos += n;
      filled += n;
      let start = 0;
      for (let nl = buf.indexOf(NL, start); nl !== -1 && nl < filled; nl = buf.indexOf(NL, start)) {
        const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
        if (end > start) sink(buf, start, end, lineStart);
        lineStart += nl + 1 - start;
        start = nl + 1;
      }
      if (start > 0) {
        buf.copy(buf, 0, start, filled);
        filled -= start;
      }
    }
    if (buf.length <= 2 * CHUNK) spare = buf;
    return { next: lineStart, size };
  } finally {
    closeSync(fd);
  }
}
