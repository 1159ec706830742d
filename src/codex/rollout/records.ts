// One decoder for every rollout line shape, Codex 0.169.0 and older. Pure: JSON in, normalized events out.
// Mirrors openai/codex:codex-rs/protocol/src/protocol.rs (RolloutLine, RolloutItem, EventMsg, TokenUsage,
// RateLimitSnapshot), models.rs (ResponseItem), items.rs (TurnItem in item_completed), core/src/rollout/policy.rs.
import type { RolloutEvent, RolloutEventBody } from './event.js';
import { decodeEventMsg } from './records-event.js';
import { decodeResponseItem } from './records-response.js';
import { type Obj, obj, str } from './records-text.js';

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

/** Top-level types we know and deliberately turn into no events, so readers may skip their lines unparsed. */
export const QUIET_RECORD_TYPES: ReadonlySet<string> = new Set([
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
      if (type && QUIET_RECORD_TYPES.has(type)) bodies = [];
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
