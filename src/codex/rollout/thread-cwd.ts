// The folder a thread ran in, read from its rollout's first line (session_meta, codex-rs/protocol SessionMeta.cwd),
// so Codex Pro Max can resume a thread it did not start in the same place. Reads at most 4 MB; never throws.
import { open } from 'node:fs/promises';
import { RolloutFinder } from './finder.js';

const MAX_FIRST_LINE = 4 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** The cwd in the thread's session_meta, or null when there is no rollout or no such field. */
export async function threadCwd(codexHome: string, threadId: string, finder = new RolloutFinder(codexHome)): Promise<string | null> {
  const found = await finder.find(threadId);
  if (!found) return null;
  try {
    const line = await firstLine(found.path);
    const record = JSON.parse(line) as { type?: unknown; payload?: { cwd?: unknown } };
    return record.type === 'session_meta' && typeof record.payload?.cwd === 'string' ? record.payload.cwd : null;
  } catch {
    return null;
  }
}

async function firstLine(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const parts: Buffer[] = [];
    let read = 0;
    while (read < MAX_FIRST_LINE) {
      const buf = Buffer.alloc(CHUNK);
      const { bytesRead } = await file.read(buf, 0, CHUNK, read);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      const nl = chunk.indexOf(0x0a);
      if (nl >= 0) {
        parts.push(chunk.subarray(0, nl));
        break;
      }
      parts.push(chunk);
      read += bytesRead;
    }
    return Buffer.concat(parts).toString('utf8');
  } finally {
    await file.close();
  }
}
