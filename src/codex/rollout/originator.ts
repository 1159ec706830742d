// Who started a thread, from the first record of its rollout (session_meta). The daemon's own thread object names
// the client asking rather than the one that started the thread, so the rollout is the record to trust.
import { closeSync, openSync, readSync } from 'node:fs';
import { decodeRecord, newStats } from './records.js';

const HEAD_BYTES = 64 * 1024;

/** `codex-tui`, `codex_exec`, an IDE's or app's client name…, or null when the file or its first record says nothing. */
export function rolloutOriginator(path: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    const firstLine = buffer.subarray(0, read).toString('utf8').split('\n')[0] ?? '';
    for (const event of decodeRecord(JSON.parse(firstLine), 0, newStats())) {
      if (event.kind === 'session') return event.originator;
    }
    return null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
