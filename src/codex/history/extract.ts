// Turns the lines of one rollout into what History indexes: the person's prompts, the agent's messages, command
// lines, file paths touched and the thread's name, each with the turn and byte offset it came from, plus the
// session's facts (folder, model, originator, dates, turns, tokens). Pure: bytes in, documents out; it can resume
// from a saved carry, so an appended line is read alone. It never indexes a tool's output, and skips the large
// records it does not need (tool outputs, reasoning, world state, the response-item twins of events) unparsed.
// Mirrors Codex 0.169/0.171 rollouts (item_completed TurnItems) and the older event_msg records (0.50-era).

import { totalTokens } from '../../shared/usage-math.js';
import { classifyLine, type LineClass } from '../rollout/classify.js';
import { handedPrompt } from '../rollout/conversation-tools.js';
import type { RolloutEvent } from '../rollout/event.js';
import { decodeRecord, newStats } from '../rollout/records.js';
import { commandText, type Obj, obj, str } from '../rollout/records-text.js';
import { isLosingTextTwin } from '../rollout/twins.js';

export type DocField = 'prompts' | 'messages' | 'commands' | 'files' | 'title';

export interface HistoryDoc {
  field: DocField;
  text: string;
  turn: number;
  turnId: string | null;
  offset: number;
  ordinal: number | null;
  atMs: number | null;
}

/** What a rollout says about its session; null where it says nothing (yet). */
export interface SessionFacts {
  threadId: string | null;
  cwd: string | null;
  originator: string | null;
  source: string | null;
  cliVersion: string | null;
  model: string | null;
  createdAtMs: number | null;
  /** Time of the newest record read (of those parsed). */
  updatedAtMs: number | null;
  turns: number;
  tokens: number | null;
  firstPrompt: string | null;
  threadName: string | null;
}

/** Where the reader stands between two reads of one file; plain JSON, saved beside the file's byte offset. */
export interface ExtractCarry {
  /** The file has session_meta: messages come as events, so their response-item copies are skipped. */
  wrapped: boolean;
  /** 0-based index of the current turn; -1 before the first. */
  turn: number;
  turnId: string | null;
  /** Inside a turn that an explicit start record opened (files without them start a turn at each prompt). */
  open: boolean;
  /** Call ids of commands and patches the model asked for in this turn, so their completion records are not counted twice. */
  calls: string[];
}

export const newFacts = (): SessionFacts => ({
  threadId: null,
  cwd: null,
  originator: null,
  source: null,
  cliVersion: null,
  model: null,
  createdAtMs: null,
  updatedAtMs: null,
  turns: 0,
  tokens: null,
  firstPrompt: null,
  threadName: null,
});
export const newCarry = (): ExtractCarry => ({ wrapped: false, turn: -1, turnId: null, open: false, calls: [] });

/** Longest text one document keeps: enough for any prompt or answer a person writes, bounded for pasted logs. */
export const MAX_DOC_CHARS = 32_000;
const FIRST_PROMPT_CHARS = 300;
const MAX_CALLS = 2_000;

// Records a search never needs: outputs, reasoning, snapshots. Skipped without parsing whatever the format.
const SKIP_ALWAYS = new Set(['world_state', 'token_usage_record', 'compacted', 'dynamic_tools_updated', 'realtime_item']);
const SKIP_RESPONSE = new Set(['function_call_output', 'custom_tool_call_output', 'reasoning', 'web_search_call']);
// Event subtypes that carry something we index; all others are skipped unparsed.
const EVENT_SUBS = new Set([
  'session_meta',
  'task_started',
  'turn_started',
  'task_complete',
  'turn_complete',
  'token_count',
  'user_message',
  'agent_message',
  'exec_command_end',
  'patch_apply_end',
  'thread_name_updated',
  'item_completed',
]);
const SHELL_TOOLS = new Set(['exec_command', 'shell', 'shell_command', 'local_shell', 'container.exec']);
const ITEM_MARK = Buffer.from('"item":{"type":"');
const TOTAL_MARK = Buffer.from('"total_token_usage"');
const TIMESTAMP_MARK = Buffer.from('{"timestamp":"');
const ID_MARK = Buffer.from('","id":"');

export class RolloutExtractor {
  readonly docs: HistoryDoc[] = [];
  malformed = 0;
  private readonly stats = newStats();
  private readonly calls: Set<string>;
  /** The newest token_count line with totals: only the latest total counts, so it is parsed once, in finish(). */
  private lastUsage: { text: string; offset: number } | null = null;

  constructor(
    readonly facts: SessionFacts = newFacts(),
    readonly carry: ExtractCarry = newCarry(),
  ) {
    this.calls = new Set(carry.calls);
  }

  /** Reads one complete line `buf[start, end)` that begins at byte `offset` of the file. */
  line(buf: Buffer, start: number, end: number, offset: number): void {
    const c = classifyLine(buf, start, end);
    if (c?.type === 'event_msg' && c.sub !== null && this.deferred(c.sub, buf, start, end, offset)) return;
    if (c && this.skip(c, buf, start, end)) return;
    let record: Obj;
    try {
      record = obj(JSON.parse(buf.toString('utf8', start, end)));
    } catch {
      this.malformed++;
      return;
    }
    this.record(record, offset);
  }

  /** Ends a read: the facts and the carry are ready to be saved. */
  finish(): { facts: SessionFacts; carry: ExtractCarry } {
    const usage = this.lastUsage;
    this.lastUsage = null;
    if (usage) {
      try {
        this.record(obj(JSON.parse(usage.text)), usage.offset);
      } catch {
        this.malformed++;
      }
    }
    this.carry.calls = [...this.calls].slice(-MAX_CALLS);
    return { facts: this.facts, carry: this.carry };
  }

  /**
   * Handles, without parsing, the two records every turn ends with: a turn's end (only its time matters) and token
   * counts (kept for finish(); one without totals carries nothing we keep).
   */
  private deferred(sub: string, buf: Buffer, start: number, end: number, offset: number): boolean {
    if (sub === 'token_count') {
      if (buf.subarray(start, end).includes(TOTAL_MARK)) this.lastUsage = { text: buf.toString('utf8', start, end), offset };
      return true;
    }
    if (sub !== 'task_complete' && sub !== 'turn_complete') return false;
    this.carry.open = false;
    const atMs = timestampOf(buf, start, end);
    if (atMs !== null && atMs > (this.facts.updatedAtMs ?? 0)) this.facts.updatedAtMs = atMs;
    return true;
  }

  private skip(c: LineClass, buf: Buffer, start: number, end: number): boolean {
    if (SKIP_ALWAYS.has(c.type) || SKIP_RESPONSE.has(c.type)) return true;
    if (c.type === 'response_item') {
      if (c.sub !== null && SKIP_RESPONSE.has(c.sub)) return true;
      return c.sub === 'message' && isLosingTextTwin('response', this.carry.wrapped);
    }
    if (c.type !== 'event_msg') return false;
    if (c.sub === null || !EVENT_SUBS.has(c.sub)) return true;
    if (c.sub !== 'item_completed') return false;
    const item = peekItem(buf, start, end);
    if (!item) return false;
    if (item.type === 'UserMessage' || item.type === 'AgentMessage') return false;
    if (item.type === 'CommandExecution' || item.type === 'FileChange') return item.id !== null && this.calls.has(item.id);
    // Only our own loop's MCP calls carry text for a person (a conclusion); other tools' results are output.
    if (item.type === 'McpToolCall') return !buf.subarray(start, Math.min(end, start + 600)).includes('"server":"codex_pro_max"');
    return true;
  }

  private record(record: Obj, offset: number): void {
    const type = str(record.type);
    const payload = obj(record.payload);
    const ordinal = typeof record.ordinal === 'number' ? record.ordinal : null;
    const atMs = typeof record.timestamp === 'string' ? Date.parse(record.timestamp) || null : null;
    const at = { offset, ordinal, atMs };
    // The newest record read dates the session; skipped records (outputs, twins) sit between parsed ones.
    if (atMs !== null && atMs > (this.facts.updatedAtMs ?? 0)) this.facts.updatedAtMs = atMs;
    if (type === 'session_meta') {
      this.sessionMeta(payload, atMs);
      return;
    }
    if (type === 'turn_context') {
      this.facts.model = str(payload.model) ?? this.facts.model;
      this.facts.cwd ??= str(payload.cwd);
      return;
    }
    if (type === 'response_item') {
      this.call(payload, at);
      return;
    }
    if (type === 'event_msg' && str(payload.type) === 'thread_name_updated') {
      const name = str(payload.thread_name)?.trim();
      if (name) {
        this.facts.threadName = name;
        this.doc('title', name, at);
      }
      return;
    }
    if (type === 'function_call' || type === 'custom_tool_call' || type === 'local_shell_call') {
      this.call(record, at);
      return;
    }
    for (const ev of decodeRecord(record, offset, this.stats)) this.event(ev, at);
  }

  private sessionMeta(p: Obj, atMs: number | null): void {
    this.carry.wrapped = true;
    const f = this.facts;
    f.threadId ??= str(p.id) ?? str(p.session_id);
    f.cwd = str(p.cwd) ?? f.cwd;
    f.originator ??= str(p.originator);
    f.source ??= typeof p.source === 'string' ? p.source : p.source ? 'subagent' : null;
    f.cliVersion ??= str(p.cli_version);
    const created = str(p.timestamp);
    f.createdAtMs ??= (created ? Date.parse(created) || null : null) ?? atMs;
  }

  /** A tool call the model made (response item, or a bare record in 2025 H1 files): commands and patches. */
  private call(p: Obj, at: Pick<HistoryDoc, 'offset' | 'ordinal' | 'atMs'>): void {
    const kind = str(p.type);
    const callId = str(p.call_id) ?? str(p.id);
    const name = str(p.name) ?? '';
    let command: string | null = null;
    let patch: string | null = null;
    if (kind === 'function_call' && SHELL_TOOLS.has(name)) {
      const args = parseArgs(p.arguments);
      command = str(args.cmd) ?? (args.command !== undefined ? commandText(args.command) : null);
    } else if (kind === 'local_shell_call') {
      command = commandText(obj(p.action).command);
    } else if (kind === 'custom_tool_call' && name === 'apply_patch') {
      patch = str(p.input);
    } else if (kind === 'function_call' && name === 'apply_patch') {
      patch = str(parseArgs(p.arguments).input);
    }
    if (command?.includes('*** Begin Patch')) patch = command;
    if (patch !== null) this.doc('files', patchPaths(patch).join('\n'), at);
    else if (command) this.doc('commands', command, at);
    else return;
    if (callId) this.rememberCall(callId);
  }

  private event(ev: RolloutEvent, at: Pick<HistoryDoc, 'offset' | 'ordinal' | 'atMs'>): void {
    switch (ev.kind) {
      case 'turn.start':
        this.startTurn(ev.turnId);
        this.carry.open = true;
        return;
      case 'turn.end':
        this.carry.open = false;
        return;
      case 'usage':
        if (ev.info?.total) this.facts.tokens = totalTokens(ev.info.total);
        return;
      case 'user': {
        if (isLosingTextTwin(ev.from, this.carry.wrapped)) return;
        const text = ev.text.trim();
        if (!text) return;
        if (!this.carry.open) this.startTurn(null);
        this.facts.firstPrompt ??= text.slice(0, FIRST_PROMPT_CHARS);
        this.doc('prompts', text, at);
        return;
      }
      case 'agent':
        if (isLosingTextTwin(ev.from, this.carry.wrapped)) return;
        if (ev.text.trim()) this.doc('messages', ev.text, at);
        return;
      case 'command':
        if (ev.callId && this.calls.has(ev.callId)) return;
        if (ev.command) this.doc('commands', ev.command, at);
        return;
      case 'files': {
        if (ev.callId && this.calls.has(ev.callId)) return;
        const paths = ev.files.flatMap((f) => (f.movePath ? [f.path, f.movePath] : [f.path]));
        if (paths.length > 0) this.doc('files', paths.join('\n'), at);
        return;
      }
      case 'mcp': {
        if (ev.server !== 'codex_pro_max') return;
        // The MCP loop's conclusion is the agent's answer to the person, written as a tool call's argument.
        if (ev.tool === 'submit_conclusion') {
          const conclusion = str(parseArgs(ev.arguments).conclusion);
          if (conclusion?.trim()) this.doc('messages', conclusion, at);
        }
        // And the person's next prompt, typed in our browser, comes back as the loop tool's answer.
        const prompt = handedPrompt(ev.result)?.trim();
        if (prompt) this.doc('prompts', prompt, at);
        return;
      }
      default:
        return;
    }
  }

  private startTurn(turnId: string | null): void {
    this.carry.turn++;
    this.carry.turnId = turnId;
    this.facts.turns = this.carry.turn + 1;
    this.calls.clear();
  }

  private rememberCall(callId: string): void {
    if (this.calls.size >= MAX_CALLS) this.calls.delete(this.calls.values().next().value as string);
    this.calls.add(callId);
  }

  private doc(field: DocField, text: string, at: Pick<HistoryDoc, 'offset' | 'ordinal' | 'atMs'>): void {
    if (!text) return;
    const turn = Math.max(0, this.carry.turn);
    this.docs.push({
      field,
      text: text.length > MAX_DOC_CHARS ? text.slice(0, MAX_DOC_CHARS) : text,
      turn,
      turnId: this.carry.turnId,
      ...at,
    });
  }
}

function parseArgs(value: unknown): Obj {
  if (typeof value !== 'string') return obj(value);
  try {
    return obj(JSON.parse(value));
  } catch {
    return {};
  }
}

/** The files an apply_patch envelope names (`*** Add File: p`, `*** Update File: p`, `*** Delete File: p`, `*** Move to: p`). */
export function patchPaths(patch: string): string[] {
  const paths: string[] = [];
  for (const m of patch.matchAll(/^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+)$/gm)) {
    const path = m[1]?.trim();
    if (path && !paths.includes(path)) paths.push(path);
  }
  return paths;
}

/** The time a line starts with (`{"timestamp":"…"`), read from the bytes; null when it does not start so. */
function timestampOf(buf: Buffer, start: number, end: number): number | null {
  const ts = start + TIMESTAMP_MARK.length;
  if (ts >= end || buf.compare(TIMESTAMP_MARK, 0, TIMESTAMP_MARK.length, start, ts) !== 0) return null;
  const te = buf.indexOf(0x22, ts);
  if (te === -1 || te > Math.min(end, ts + 40)) return null;
  return Date.parse(buf.toString('latin1', ts, te)) || null;
}

/** An item_completed line's item type and id, read from the bytes (`"item":{"type":"X","id":"Y"` leads the item). */
function peekItem(buf: Buffer, start: number, end: number): { type: string; id: string | null } | null {
  const window = buf.subarray(start, Math.min(end, start + 512));
  const at = window.indexOf(ITEM_MARK);
  if (at === -1) return null;
  const ts = at + ITEM_MARK.length;
  const te = window.indexOf(0x22, ts);
  if (te === -1) return null;
  const type = window.toString('latin1', ts, te);
  if (window.indexOf(ID_MARK, te) !== te) return { type, id: null };
  const is = te + ID_MARK.length;
  const ie = window.indexOf(0x22, is);
  return { type, id: ie === -1 ? null : window.toString('utf8', is, ie) };
}
