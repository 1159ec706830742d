// Turns one rollout event into live activity items for the UI. Pure. Where Codex wrote both an event and a
// response item for the same thing, the event wins (twins.ts decides which is which).
import type { ActivityItem } from '../../shared/rollout.js';
import type { RolloutEvent } from './event.js';
import { isLosingTwin, type TwinMarks } from './twins.js';

/** Long outputs and diffs are clipped in pushes; the Markdown export keeps them whole. */
export const ACTIVITY_TEXT_LIMIT = 4000;

export function clip(text: string, max = ACTIVITY_TEXT_LIMIT): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n… ${text.length - max} characters left out …\n${text.slice(-half)}`;
}

/** What the mapper reads of the turn so far; the tracker's turn is passed as is. */
export interface ActivityContext {
  wrapped: boolean;
  turn: TwinMarks & { key: string; calls: ReadonlyMap<string, { name: string; input: string }> };
}

/** An item's id: its call id when it has one, else the byte offset of its line. */
function itemId(prefix: string, ev: RolloutEvent, key?: string | null): string {
  return `${prefix}-${key || ev.offset}`;
}

export function activityFor(ev: RolloutEvent, ctx: ActivityContext): ActivityItem[] {
  if (isLosingTwin(ev, ctx.wrapped, ctx.turn)) return [];
  const atIso = ev.at;
  switch (ev.kind) {
    case 'turn.start':
      return [{ id: itemId('task', ev), atIso, kind: 'task', event: 'started', text: null }];
    case 'turn.end':
      return [{ id: itemId('task', ev), atIso, kind: 'task', event: ev.error ? 'failed' : 'completed', text: ev.error }];
    case 'turn.aborted':
      return [{ id: itemId('task', ev), atIso, kind: 'task', event: 'aborted', text: ev.reason }];
    case 'compacted':
      return [{ id: itemId('task', ev), atIso, kind: 'task', event: 'compacted', text: null }];
    case 'error':
      return [{ id: itemId('task', ev), atIso, kind: 'task', event: 'error', text: clip(ev.message) }];
    case 'user':
    case 'agent':
    case 'reasoning': {
      const kind = ev.kind === 'agent' ? 'message' : ev.kind;
      return [{ id: itemId(kind, ev), atIso, kind, text: clip(ev.text) }];
    }
    case 'command':
      return [
        {
          id: itemId('cmd', ev, ev.callId),
          atIso,
          kind: 'command',
          command: ev.command,
          cwd: ev.cwd,
          exitCode: ev.exitCode,
          output: clip(ev.output),
          status: ev.status,
          durationMs: ev.durationMs,
        },
      ];
    case 'files':
      return [
        {
          id: itemId('files', ev, ev.callId),
          atIso,
          kind: 'file_change',
          files: ev.files.map((f) => ({ ...f, diff: clip(f.diff) })),
          status: ev.status,
        },
      ];
    case 'mcp':
      return [
        {
          id: itemId('mcp', ev, ev.callId),
          atIso,
          kind: 'mcp',
          server: ev.server,
          tool: ev.tool,
          arguments: clip(ev.arguments),
          result: clip(ev.result),
          error: ev.error,
          status: ev.status,
        },
      ];
    case 'search':
      return [{ id: itemId('search', ev), atIso, kind: 'web_search', query: ev.query }];
    case 'plan':
      // One plan per turn: a newer plan replaces the older item with the same id.
      return [{ id: `plan-${ctx.turn.key}`, atIso, kind: 'plan', explanation: ev.explanation, steps: ev.steps }];
    case 'call.output': {
      // Older rollouts without exec_command_end and friends: show the raw tool call once its output is in.
      const call = ctx.turn.calls.get(ev.callId);
      if (!call || call.name === 'update_plan') return [];
      return [
        { id: itemId('tool', ev, ev.callId), atIso, kind: 'tool', name: call.name, input: clip(call.input), output: clip(ev.output) },
      ];
    }
    default:
      return [];
  }
}
