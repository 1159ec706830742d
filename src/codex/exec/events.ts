// Reads `codex exec --json` lines (codex-cli 0.169.0) into typed drive events. Shapes mirror
// codex-rs/exec/src/exec_events.rs and sdk/typescript/src/events.ts + items.ts. Never throws: unknown input becomes `unknown`.
import type { DriveEventBody, DriveItem } from '../../shared/drive.js';
import type { TokenUsage } from '../../shared/usage.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);
const status = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** turn.completed usage; cached input stays inside input and reasoning inside output (never added on top). */
export function parseUsage(raw: unknown): TokenUsage {
  const u = isObject(raw) ? raw : {};
  return {
    inputTokens: num(u.input_tokens),
    cachedInputTokens: num(u.cached_input_tokens),
    outputTokens: num(u.output_tokens),
    reasoningOutputTokens: num(u.reasoning_output_tokens),
  };
}

/** An error payload may be a string, {message} or nested {error:{message}}. */
function messageOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isObject(v)) {
    if (typeof v.message === 'string') return v.message;
    if (v.error !== undefined) return messageOf(v.error);
  }
  return str(v);
}

/** One ThreadItem; an item type we do not know is kept whole as `other`. */
export function parseItem(raw: unknown): DriveItem {
  const item = isObject(raw) ? raw : {};
  const id = str(item.id);
  const type = str(item.type);
  switch (type) {
    case 'agent_message':
    case 'reasoning':
    case 'plan':
      return { type, id, text: str(item.text) };
    case 'command_execution':
      return {
        type,
        id,
        command: str(item.command),
        output: str(item.aggregated_output),
        exitCode: typeof item.exit_code === 'number' ? item.exit_code : null,
        status: status(item.status),
      };
    case 'file_change':
      return {
        type,
        id,
        changes: (Array.isArray(item.changes) ? item.changes : []).map((c) => ({
          path: str(isObject(c) ? c.path : c),
          kind: str(isObject(c) ? c.kind : ''),
        })),
        status: status(item.status),
      };
    case 'mcp_tool_call':
      return {
        type,
        id,
        server: str(item.server),
        tool: str(item.tool),
        arguments: item.arguments ?? null,
        result: item.result ?? null,
        error: item.error === undefined || item.error === null ? null : messageOf(item.error),
        status: status(item.status),
      };
    case 'web_search':
      return { type, id, query: str(item.query), action: item.action ?? null };
    case 'todo_list':
      return {
        type,
        id,
        items: (Array.isArray(item.items) ? item.items : []).map((t) => ({
          text: str(isObject(t) ? t.text : t),
          completed: isObject(t) && t.completed === true,
        })),
      };
    case 'error':
      return { type, id, message: str(item.message) };
    default:
      return { type: 'other', id, itemType: type || 'missing', raw };
  }
}

/** One stdout line as an event, or null for a blank line. Non-JSON lines are reported, not dropped. */
export function parseExecLine(line: string): DriveEventBody | null {
  const text = line.trim();
  if (text === '') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'unknown', type: 'non-json', raw: text.slice(0, 2000) };
  }
  if (!isObject(raw)) return { kind: 'unknown', type: 'non-object', raw };
  switch (raw.type) {
    case 'thread.started':
      return { kind: 'thread_started', threadId: str(raw.thread_id) };
    case 'turn.started':
      return { kind: 'turn_started' };
    case 'item.started':
    case 'item.updated':
    case 'item.completed':
      return { kind: 'item', phase: raw.type.slice(5) as 'started' | 'updated' | 'completed', item: parseItem(raw.item) };
    case 'turn.completed':
      return { kind: 'turn_completed', usage: parseUsage(raw.usage) };
    case 'turn.failed':
      return { kind: 'turn_failed', message: messageOf(raw.error) };
    case 'error':
      return { kind: 'error', message: messageOf(raw.message ?? raw.error ?? raw) };
    default:
      return { kind: 'unknown', type: str(raw.type) || 'missing', raw };
  }
}

/** Splits a byte stream into lines across chunk boundaries. */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const parts = (this.rest + chunk).split('\n');
    this.rest = parts.pop() ?? '';
    return parts;
  }

  end(): string[] {
    const last = this.rest;
    this.rest = '';
    return last.trim() === '' ? [] : [last];
  }
}
