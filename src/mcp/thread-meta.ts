// Reads the calling Codex thread from a tools/call `_meta` (codex-cli 0.169 sends `threadId` and
// `x-codex-turn-metadata.thread_id`; an MCP server gets no CODEX_THREAD_ID in its environment). Pure; no I/O.
import { normalizeThreadId, type ThreadId } from '../shared/ids.js';

function fromTurnMetadata(value: unknown): string | undefined {
  let meta = value;
  if (typeof meta === 'string') {
    try {
      meta = JSON.parse(meta);
    } catch {
      return undefined;
    }
  }
  if (meta && typeof meta === 'object') {
    const id = (meta as Record<string, unknown>).thread_id;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

/** The thread id from `_meta.threadId`, else `_meta["x-codex-turn-metadata"].thread_id`, else null. */
export function threadIdFromMeta(meta: Record<string, unknown> | undefined): ThreadId | null {
  if (!meta) return null;
  const direct = meta.threadId;
  const raw = typeof direct === 'string' && direct.trim() ? direct : fromTurnMetadata(meta['x-codex-turn-metadata']);
  return raw ? normalizeThreadId(raw) : null;
}

export const NO_THREAD_ID =
  'Codex Pro Max could not tell which Codex conversation is calling: this tool call carried no thread id ' +
  '(Codex normally sends it as _meta.threadId). This Codex version or client may be too old; run "npm run doctor" in the Codex Pro Max folder ' +
  'to check. Until then you cannot use the Codex Pro Max loop here: tell the user and answer normally.';
