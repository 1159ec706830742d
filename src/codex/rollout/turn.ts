// Groups rollout events into turns (task_started/task_complete, or user_message in older files) and derives
// live activity items. Pure; holds only the current turn so whole-file scans keep memory flat.
import type { ActivityItem, TurnInfo } from '../../shared/rollout.js';
import { type ActivityContext, activityFor } from './activity.js';
import type { CallStatus, FileEdit, RolloutEvent } from './event.js';
import { commandText } from './records-text.js';
import { isLosingTextTwin, isLosingTwin, markEventTwins, type TwinMarks } from './twins.js';

export interface ToolCall {
  callId: string;
  name: string;
  input: string;
  output: string | null;
  at: string | null;
  offset: number;
  exitCode: number | null;
  status: CallStatus;
}

export interface Turn extends TwinMarks {
  key: string;
  turnId: string | null;
  startOffset: number;
  startedAt: string | null;
  completedAt: string | null;
  state: TurnInfo['state'];
  error: string | null;
  durationMs: number | null;
  /** Event-sourced and response-sourced twins are kept apart; `pick()` (twins.ts) prefers events. */
  user: { event: Text[]; response: Text[] };
  agent: { event: Text[]; response: Text[] };
  calls: Map<string, ToolCall>;
  files: Map<string, { change: string; movePath: string | null; diffs: string[] }>;
  turnDiffs: string[];
  tasks: { at: string | null; text: string }[];
  activity: ActivityItem[];
}

export interface Text {
  text: string;
  at: string | null;
}

export function turnInfo(turn: Turn): TurnInfo {
  return { key: turn.key, startedAtIso: turn.startedAt, completedAtIso: turn.completedAt, state: turn.state };
}

function newTurn(key: string, turnId: string | null, ev: RolloutEvent): Turn {
  return {
    key,
    turnId,
    startOffset: ev.offset,
    startedAt: ev.at,
    completedAt: null,
    state: 'running',
    error: null,
    durationMs: null,
    user: { event: [], response: [] },
    agent: { event: [], response: [] },
    calls: new Map(),
    files: new Map(),
    turnDiffs: [],
    tasks: [],
    eventCallIds: new Set(),
    sawEventSearch: false,
    activity: [],
  };
}

export interface TurnTrackerHooks {
  /** A turn is over because the next one began (or `finish()` was called). */
  onTurnClosed?(turn: Turn): void;
  /** A new turn began (by task_started, or by a user message in older files). */
  onTurnOpened?(turn: Turn): void;
  /** New activity items (possibly none, when only the turn state changed). */
  onActivity?(turn: Turn, items: ActivityItem[]): void;
}

export class TurnTracker {
  current: Turn | null = null;
  /** The file carries the {type, payload} wrapper (it has session_meta), so transcript events exist. */
  private wrapped = false;
  private sawTaskStarted = false;

  constructor(private readonly hooks: TurnTrackerHooks = {}) {}

  apply(ev: RolloutEvent): void {
    if (ev.kind === 'session') {
      this.wrapped = true;
      return;
    }
    if (ev.kind === 'usage') return;
    if (ev.kind === 'turn.start') {
      this.sawTaskStarted = true;
      this.open(ev, ev.turnId);
    } else if (ev.kind === 'user' && !isLosingTextTwin(ev.from, this.wrapped)) {
      const t = this.current;
      const typed = t ? t.user.event.length + (isLosingTextTwin('response', this.wrapped) ? 0 : t.user.response.length) : 0;
      const needsNew = t?.state !== 'running' || (!this.sawTaskStarted && typed > 0);
      if (needsNew) this.open(ev, null);
    } else if (!this.current) {
      this.open(ev, null);
    }
    const turn = this.current as Turn;
    this.record(turn, ev);
    const ctx: ActivityContext = { wrapped: this.wrapped, turn };
    const items = activityFor(ev, ctx);
    if (items.length > 0 || ev.kind === 'turn.start' || ev.kind === 'turn.end' || ev.kind === 'turn.aborted') {
      turn.activity.push(...items);
      this.hooks.onActivity?.(turn, items);
    }
  }

  /** Closes the current turn (end of file). */
  finish(): void {
    if (this.current) this.hooks.onTurnClosed?.(this.current);
  }

  private open(ev: RolloutEvent, turnId: string | null): void {
    if (this.current) this.hooks.onTurnClosed?.(this.current);
    this.current = newTurn(turnId ?? `@${ev.offset}`, turnId, ev);
    this.hooks.onTurnOpened?.(this.current);
  }

  private record(turn: Turn, ev: RolloutEvent): void {
    markEventTwins(turn, ev);
    switch (ev.kind) {
      case 'turn.start':
        turn.tasks.push({ at: ev.at, text: 'Turn started' });
        break;
      case 'turn.end':
        turn.completedAt = ev.at;
        turn.durationMs = ev.durationMs;
        turn.state = ev.error ? 'failed' : 'completed';
        turn.error = ev.error;
        turn.tasks.push({
          at: ev.at,
          text: ev.error ? `Turn failed: ${ev.error}` : `Turn complete${ev.durationMs !== null ? ` in ${ev.durationMs} ms` : ''}`,
        });
        break;
      case 'turn.aborted':
        turn.completedAt = ev.at;
        turn.state = 'aborted';
        turn.tasks.push({ at: ev.at, text: `Turn aborted${ev.reason ? ` (${ev.reason})` : ''}` });
        break;
      case 'compacted':
        turn.tasks.push({ at: ev.at, text: 'Context compacted' });
        break;
      case 'error':
        turn.tasks.push({ at: ev.at, text: `Error: ${ev.message}` });
        break;
      case 'user':
        turn.user[ev.from].push({ text: ev.text, at: ev.at });
        break;
      case 'agent':
        turn.agent[ev.from].push({ text: ev.text, at: ev.at });
        break;
      case 'call':
        turn.calls.set(ev.callId, {
          callId: ev.callId,
          name: ev.name,
          input: ev.input,
          output: null,
          at: ev.at,
          offset: ev.offset,
          exitCode: null,
          status: null,
        });
        break;
      case 'call.output': {
        const call = turn.calls.get(ev.callId);
        if (call) call.output = ev.output;
        break;
      }
      case 'command':
      case 'mcp': {
        const callId = ev.callId ?? `@${ev.offset}`;
        const call = turn.calls.get(callId);
        if (call) {
          call.status = ev.status;
          if (ev.kind === 'command') {
            call.exitCode = ev.exitCode;
            // Older exec_command_end events do not repeat the command; the call that asked for it has it.
            if (!ev.command) ev.command = commandOfCall(call.input);
          }
        } else if (ev.kind === 'mcp') {
          // Older rollouts record MCP calls only as events.
          const output = ev.error ? `Error: ${ev.error}` : ev.result;
          turn.calls.set(callId, {
            callId,
            name: `mcp:${ev.server}.${ev.tool}`,
            input: ev.arguments,
            output,
            at: ev.at,
            offset: ev.offset,
            exitCode: null,
            status: ev.status,
          });
        }
        break;
      }
      case 'files':
        for (const f of ev.files) mergeFile(turn, f);
        break;
      case 'diff':
        turn.turnDiffs.push(ev.diff);
        break;
      case 'search':
        if (isLosingTwin(ev, this.wrapped, turn)) break;
        turn.calls.set(`@${ev.offset}`, {
          callId: `@${ev.offset}`,
          name: 'web_search',
          input: ev.query,
          output: null,
          at: ev.at,
          offset: ev.offset,
          exitCode: null,
          status: 'completed',
        });
        break;
      default:
        break;
    }
  }
}

function commandOfCall(input: string): string {
  try {
    const args = JSON.parse(input) as { command?: unknown; cmd?: unknown };
    return commandText(args.cmd ?? args.command);
  } catch {
    return input;
  }
}

function mergeFile(turn: Turn, f: FileEdit): void {
  const known = turn.files.get(f.path);
  if (known) {
    known.diffs.push(f.diff);
    known.change = known.change === 'add' && f.change === 'update' ? 'add' : f.change;
    known.movePath = f.movePath ?? known.movePath;
  } else turn.files.set(f.path, { change: f.change, movePath: f.movePath, diffs: [f.diff] });
}
