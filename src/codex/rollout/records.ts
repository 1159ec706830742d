// One decoder for every rollout line shape, Codex 0.169.0 and older. Pure: JSON in, normalized events out.
// Mirrors openai/codex:codex-rs/protocol/src/protocol.rs (RolloutLine, RolloutItem, EventMsg, TokenUsage,
// RateLimitSnapshot), models.rs (ResponseItem), items.rs (TurnItem in item_completed), core/src/rollout/policy.rs.
import { decodeEventMsg } from './records-event.js';
import { decodeResponseItem } from './records-response.js';
import { str } from './records-text.js';
import type { RateLimits, TokenInfo } from './usage.js';

export type Source = 'event' | 'response';
export type CallStatus = 'in_progress' | 'completed' | 'failed' | 'declined' | null;

export interface FileEdit {
  path: string;
  change: string;
  movePath: string | null;
  diff: string;
}

/** What a rollout line means, whichever Codex version wrote it. `from` tells event_msg twins from response_item twins. */
export type RolloutEventBody =
  | { kind: 'session'; threadId: string | null; cwd: string | null; cliVersion: string | null; originator: string | null }
  | { kind: 'turn.start'; turnId: string | null; contextWindow: number | null }
  | { kind: 'turn.end'; turnId: string | null; error: string | null; durationMs: number | null }
  | { kind: 'turn.aborted'; reason: string | null }
  | { kind: 'user'; text: string; from: Source }
  | { kind: 'agent'; text: string; from: Source }
  | { kind: 'reasoning'; text: string; from: Source }
  | { kind: 'call'; callId: string; name: string; input: string }
  | { kind: 'call.output'; callId: string; output: string }
  | {
      kind: 'command';
      callId: string | null;
      command: string;
      cwd: string | null;
      exitCode: number | null;
      output: string;
      status: CallStatus;
      durationMs: number | null;
    }
  | { kind: 'files'; callId: string | null; files: FileEdit[]; status: CallStatus; output: string }
  | { kind: 'diff'; diff: string }
  | {
      kind: 'mcp';
      callId: string | null;
      server: string;
      tool: string;
      arguments: string;
      result: string;
      error: string | null;
      status: CallStatus;
    }
  | { kind: 'search'; query: string; from: Source }
  | { kind: 'plan'; explanation: string | null; steps: { step: string; status: string }[] }
  | { kind: 'usage'; info: TokenInfo | null; rateLimits: RateLimits | null }
  | { kind: 'compacted' }
  | { kind: 'error'; message: string };

export type RolloutEvent = RolloutEventBody & { at: string | null; offset: number };

/** Counts what a reader saw; unknown shapes are listed here instead of failing. */
export interface RecordStats {
  lines: number;
  parsed: number;
  skipped: number;
  malformed: number;
  unknown: Record<string, number>;
}

export function newStats(): RecordStats {
  return { lines: 0, parsed: 0, skipped: 0, malformed: 0, unknown: {} };
}

/** Top-level types we know and deliberately do not turn into events. */
const KNOWN_QUIET = new Set([
  'turn_context',
  'world_state',
  'token_usage_record',
  'dynamic_tools_updated',
  'inter_agent_communication',
  'realtime_item',
  'security_risk_score',
]);

const RESPONSE_TYPES = new Set([
  'message',
  'reasoning',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'local_shell_call',
  'web_search_call',
]);

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Decodes one parsed rollout line. Unknown types and subtypes go to `stats.unknown`; nothing throws. */
export function decodeRecord(line: unknown, offset: number, stats: RecordStats): RolloutEvent[] {
  const record = obj(line);
  const type = typeof record.type === 'string' ? record.type : null;
  const at = typeof record.timestamp === 'string' ? record.timestamp : null;
  const payload = obj(record.payload);
  let bodies: RolloutEventBody[] | null;
  switch (type) {
    case 'session_meta':
      bodies = [sessionMeta(payload)];
      break;
    case 'event_msg':
      bodies = decodeEventMsg(payload);
      break;
    case 'response_item':
      bodies = decodeResponseItem(payload, obj(record.metadata));
      break;
    case 'compacted':
      bodies = [{ kind: 'compacted' }];
      break;
    default:
      if (type && KNOWN_QUIET.has(type)) bodies = [];
      // Rollouts from before the {type, payload} wrapper (2025 H1) held bare ResponseItems and a state line.
      else if (type && RESPONSE_TYPES.has(type)) bodies = decodeResponseItem(record);
      else if (type === null && (record.record_type === 'state' || ('id' in record && 'instructions' in record))) bodies = [];
      else bodies = null;
  }
  if (bodies === null) {
    const key = type === 'event_msg' || type === 'response_item' ? `${type}/${String(payload.type)}` : String(type);
    stats.unknown[key] = (stats.unknown[key] ?? 0) + 1;
    return [];
  }
  // The bodies are fresh objects made for this line: stamping them in place saves a copy per event.
  const events = bodies as RolloutEvent[];
  for (const ev of events) {
    ev.at = at;
    ev.offset = offset;
  }
  return events;
}

function sessionMeta(p: Obj): RolloutEventBody {
  return {
    kind: 'session',
    threadId: str(p.id) ?? str(p.session_id),
    cwd: str(p.cwd),
    cliVersion: str(p.cli_version),
    originator: str(p.originator),
  };
}
