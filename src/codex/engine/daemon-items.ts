// The daemon's v2 thread items and token counts (camelCase; codex-cli 0.169/0.171, app-server-protocol v2 ThreadItem and
// ThreadTokenUsage) in the shapes drive mode stores for `codex exec --json` turns, so one turn view shows both. Pure.
import type { DriveItem } from '../../shared/drive.js';
import type { TokenUsage } from '../../shared/usage.js';
import { usageDelta } from '../../shared/usage-math.js';

type Loose = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const STATUS: Record<string, string> = { inProgress: 'in_progress', completed: 'completed', failed: 'failed', declined: 'declined' };

/** One v2 item as a drive item; null for the prompt itself (exec never reports it, the turn row holds it). */
export function driveItemFromThreadItem(raw: unknown): DriveItem | null {
  const item = (raw ?? {}) as Loose;
  const id = str(item.id);
  const status = STATUS[str(item.status)] ?? (item.status ? str(item.status) : null);
  switch (item.type) {
    case 'userMessage':
    case 'hookPrompt':
      return null;
    case 'agentMessage':
      return { type: 'agent_message', id, text: str(item.text) };
    case 'plan':
      return { type: 'plan', id, text: str(item.text) };
    case 'reasoning': {
      const parts = [...(Array.isArray(item.summary) ? item.summary : []), ...(Array.isArray(item.content) ? item.content : [])];
      return { type: 'reasoning', id, text: parts.map(str).filter(Boolean).join('\n\n') };
    }
    case 'commandExecution':
      return {
        type: 'command_execution',
        id,
        command: str(item.command),
        output: str(item.aggregatedOutput),
        exitCode: typeof item.exitCode === 'number' ? item.exitCode : null,
        status,
      };
    case 'fileChange':
      return {
        type: 'file_change',
        id,
        changes: (Array.isArray(item.changes) ? item.changes : []).map((c: Loose) => ({
          path: str(c?.path),
          kind: typeof c?.kind === 'string' ? c.kind : str((c?.kind as Loose | undefined)?.type),
        })),
        status,
      };
    case 'mcpToolCall': {
      const error = (item.error ?? null) as Loose | null;
      return {
        type: 'mcp_tool_call',
        id,
        server: str(item.server),
        tool: str(item.tool),
        arguments: item.arguments ?? null,
        result: item.result ?? null,
        error: error ? str(error.message) || JSON.stringify(error) : null,
        status,
      };
    }
    case 'webSearch':
      return { type: 'web_search', id, query: str(item.query), action: item.action ?? null };
    default:
      return { type: 'other', id, itemType: str(item.type) || 'missing', raw: item };
  }
}

/** A v2 TokenUsageBreakdown in our usage shape (cached input is part of input, reasoning part of output, as in exec). */
export function usageOf(raw: unknown): TokenUsage {
  const u = (raw ?? {}) as Loose;
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : 0);
  return {
    inputTokens: n(u.inputTokens),
    cachedInputTokens: n(u.cachedInputTokens),
    outputTokens: n(u.outputTokens),
    reasoningOutputTokens: n(u.reasoningOutputTokens),
  };
}

/**
 * One turn's usage from the thread's token counts during it. Each count carries the thread's running total and the
 * last request's figures; the total before the turn is the first count's total minus its last request, so a count
 * sent twice (Codex repeats it with rate-limit news) is never added twice.
 */
export class TurnUsage {
  private before: TokenUsage | null = null;
  private total: TokenUsage | null = null;

  add(tokenUsage: unknown): void {
    const t = (tokenUsage ?? {}) as Loose;
    const total = usageOf(t.total);
    if (this.before === null) this.before = usageDelta(total, usageOf(t.last));
    this.total = total;
  }

  value(): TokenUsage | null {
    return this.total && this.before ? usageDelta(this.total, this.before) : null;
  }
}
