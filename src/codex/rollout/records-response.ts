// response_item payloads (openai/codex:codex-rs/protocol/src/models.rs ResponseItem, 0.169.0 variant list):
// what the model saw and said. Tool calls and their outputs are paired later by call_id.
import type { RolloutEventBody } from './event.js';
import { planFrom } from './records-event.js';
import { argsText, contentText, type Obj, obj, outputText, str } from './records-text.js';

/** Injected context that arrives as a "user" message but was not typed by the person. */
const CONTEXT_PREFIX =
  /^\s*(<environment_context>|<user_instructions>|<skills_instructions>|<turn_aborted>|<user_shell_command>|# AGENTS\.md instructions|<INSTRUCTIONS>)/;

const QUIET = new Set([
  'additional_tools',
  'agent_message',
  'image_generation_call',
  'tool_search_call',
  'tool_search_output',
  'compaction',
  'compaction_summary',
  'configuration_update',
  'context_compaction',
  'ghost_snapshot',
  'other',
]);

/** Returns null for a payload type we do not know (the caller counts it). */
export function decodeResponseItem(p: Obj, meta: Obj = {}): RolloutEventBody[] | null {
  const type = str(p.type);
  switch (type) {
    case 'message': {
      const role = str(p.role);
      const text = contentText(p.content);
      if (role === 'assistant') {
        // The summary a compaction produced is not an answer to the person.
        if (meta.compaction_output) return [];
        return [{ kind: 'agent', text, from: 'response' }];
      }
      if (role === 'user' && !CONTEXT_PREFIX.test(text)) return [{ kind: 'user', text, from: 'response' }];
      return [];
    }
    case 'reasoning': {
      const summary = Array.isArray(p.summary)
        ? p.summary
            .map((s) => str(obj(s).text) ?? '')
            .filter(Boolean)
            .join('\n\n')
        : '';
      return summary ? [{ kind: 'reasoning', text: summary, from: 'response' }] : [];
    }
    case 'function_call': {
      const name = str(p.name) ?? 'function';
      const callId = str(p.call_id) ?? str(p.id) ?? '';
      const full = p.namespace ? `${String(p.namespace)}.${name}` : name;
      const events: RolloutEventBody[] = [{ kind: 'call', callId, name: full, input: argsText(p.arguments) }];
      if (name === 'update_plan') {
        try {
          events.push(planFrom(obj(JSON.parse(String(p.arguments)))));
        } catch {
          // a malformed plan stays a plain tool call
        }
      }
      return events;
    }
    case 'custom_tool_call':
      return [{ kind: 'call', callId: str(p.call_id) ?? '', name: str(p.name) ?? 'tool', input: str(p.input) ?? '' }];
    case 'local_shell_call': {
      const action = obj(p.action);
      return [{ kind: 'call', callId: str(p.call_id) ?? str(p.id) ?? '', name: 'local_shell', input: argsText(action) }];
    }
    case 'function_call_output':
    case 'custom_tool_call_output':
      return [{ kind: 'call.output', callId: str(p.call_id) ?? '', output: outputText(p.output) }];
    case 'web_search_call': {
      const action = obj(p.action);
      return [
        { kind: 'search', query: str(action.query) ?? (Array.isArray(action.queries) ? action.queries.join(' | ') : ''), from: 'response' },
      ];
    }
    default:
      return type && QUIET.has(type) ? [] : null;
  }
}
