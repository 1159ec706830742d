// event_msg payloads: 0.169's task_*/token_count/item_completed and the older agent_message, exec_command_end,
// patch_apply_end, turn_diff, … (openai/codex:codex-rs/protocol/src/protocol.rs EventMsg, items.rs TurnItem).
import type { RolloutEventBody } from './event.js';
import {
  argsText,
  callStatus,
  commandText,
  contentText,
  durationMs,
  fileEdits,
  num,
  type Obj,
  obj,
  outputText,
  str,
} from './records-text.js';
import { parseRateLimits, parseTokenInfo } from './usage.js';

/** Subtypes we know and leave out of the event stream (settings, deltas, UI-only notices). */
const QUIET = new Set([
  'thread_settings_applied',
  'agent_reasoning_raw_content',
  'agent_reasoning_section_break',
  'context_compacted',
  'stream_error',
  'entered_review_mode',
  'exited_review_mode',
  'undo_started',
  'undo_completed',
  'view_image_tool_call',
  'session_configured',
  'background_event',
  'thread_name_updated',
  'thread_rolled_back',
  'item_started',
  'user_message_edited',
]);

/** Returns null for a subtype we do not know (the caller counts it). */
export function decodeEventMsg(p: Obj): RolloutEventBody[] | null {
  const type = str(p.type);
  switch (type) {
    case 'task_started':
    case 'turn_started':
      return [{ kind: 'turn.start', turnId: str(p.turn_id), contextWindow: num(p.model_context_window) }];
    case 'task_complete':
    case 'turn_complete': {
      const error = obj(p.error);
      return [{ kind: 'turn.end', turnId: str(p.turn_id), error: str(error.message), durationMs: num(p.duration_ms) }];
    }
    case 'turn_aborted':
      return [{ kind: 'turn.aborted', reason: str(p.reason) }];
    case 'token_count':
      return [{ kind: 'usage', info: parseTokenInfo(p.info), rateLimits: parseRateLimits(p.rate_limits) }];
    case 'user_message': {
      // Some 2025 versions tagged injected context with kind != "plain"; it is not something the person typed.
      const kind = str(p.kind);
      if (kind && kind !== 'plain') return [];
      return [{ kind: 'user', text: str(p.message) ?? '', from: 'event' }];
    }
    case 'agent_message':
      return [{ kind: 'agent', text: str(p.message) ?? '', from: 'event' }];
    case 'agent_reasoning':
      return [{ kind: 'reasoning', text: str(p.text) ?? '', from: 'event' }];
    case 'exec_command_end':
      return [
        {
          kind: 'command',
          callId: str(p.call_id),
          command: commandText(p.command),
          cwd: str(p.cwd),
          exitCode: num(p.exit_code),
          output: str(p.aggregated_output) ?? [str(p.stdout), str(p.stderr)].filter(Boolean).join('\n'),
          status: callStatus(p.status, num(p.exit_code) === 0 ? 'completed' : 'failed'),
          durationMs: durationMs(p.duration),
        },
      ];
    case 'patch_apply_end':
      return [
        {
          kind: 'files',
          callId: str(p.call_id),
          files: fileEdits(p.changes),
          status: callStatus(p.status, p.success === false ? 'failed' : 'completed'),
          output: [str(p.stdout), str(p.stderr)].filter(Boolean).join('\n'),
        },
      ];
    case 'turn_diff':
      return [{ kind: 'diff', diff: str(p.unified_diff) ?? '' }];
    case 'mcp_tool_call_end': {
      const inv = obj(p.invocation);
      const result = obj(p.result);
      const err = 'Err' in result ? String(result.Err) : null;
      return [
        {
          kind: 'mcp',
          callId: str(p.call_id),
          server: str(inv.server) ?? '',
          tool: str(inv.tool) ?? '',
          arguments: argsText(inv.arguments),
          result: 'Ok' in result ? outputText(result.Ok) : '',
          error: err,
          status: err ? 'failed' : 'completed',
        },
      ];
    }
    case 'web_search_end':
      return [{ kind: 'search', query: str(p.query) ?? '', from: 'event' }];
    case 'plan_update':
      return [planFrom(p)];
    case 'error':
      return [{ kind: 'error', message: str(p.message) ?? 'error' }];
    case 'item_completed':
      return decodeTurnItem(obj(p.item));
    default:
      return type && QUIET.has(type) ? [] : null;
  }
}

export function planFrom(p: Obj): RolloutEventBody {
  const steps = Array.isArray(p.plan) ? p.plan.map((s) => ({ step: str(obj(s).step) ?? '', status: str(obj(s).status) ?? 'pending' })) : [];
  return { kind: 'plan', explanation: str(p.explanation), steps };
}

/** 0.169 TurnItem (PascalCase tags). Unknown items are skipped quietly: they are new UI-only kinds. */
function decodeTurnItem(item: Obj): RolloutEventBody[] | null {
  const id = str(item.id);
  switch (str(item.type)) {
    case 'UserMessage':
      return [{ kind: 'user', text: contentText(item.content), from: 'event' }];
    case 'AgentMessage':
      return [{ kind: 'agent', text: contentText(item.content), from: 'event' }];
    case 'Reasoning': {
      const summary = Array.isArray(item.summary_text) ? item.summary_text.filter((s) => typeof s === 'string').join('\n\n') : '';
      return summary ? [{ kind: 'reasoning', text: summary, from: 'event' }] : [];
    }
    case 'CommandExecution':
      return [
        {
          kind: 'command',
          callId: id,
          command: commandText(item.command),
          cwd: str(item.cwd)?.replace(/^file:\/\//, '') ?? null,
          exitCode: num(item.exit_code),
          output: str(item.aggregated_output) ?? '',
          status: callStatus(item.status),
          durationMs: durationMs(item.duration),
        },
      ];
    case 'FileChange':
      return [
        {
          kind: 'files',
          callId: id,
          files: fileEdits(item.changes),
          status: callStatus(item.status),
          output: [str(item.stdout), str(item.stderr)].filter(Boolean).join('\n'),
        },
      ];
    case 'McpToolCall': {
      const error = item.error ? (str(obj(item.error).message) ?? JSON.stringify(item.error)) : null;
      return [
        {
          kind: 'mcp',
          callId: id,
          server: str(item.server) ?? '',
          tool: str(item.tool) ?? '',
          arguments: argsText(item.arguments),
          result: item.result ? outputText(item.result) : '',
          error,
          status: callStatus(item.status, error ? 'failed' : 'completed'),
        },
      ];
    }
    case 'WebSearch':
      return [{ kind: 'search', query: str(item.query) ?? str(obj(item.action).query) ?? '', from: 'event' }];
    case 'Plan':
      return [{ kind: 'plan', explanation: str(item.text), steps: [] }];
    case 'TodoList': {
      const steps = Array.isArray(item.items)
        ? item.items.map((t) => ({ step: str(obj(t).text) ?? '', status: obj(t).completed ? 'completed' : 'pending' }))
        : [];
      return [{ kind: 'plan', explanation: null, steps }];
    }
    case 'ContextCompaction':
      return []; // the `compacted` line beside it carries the event
    default:
      return [];
  }
}
