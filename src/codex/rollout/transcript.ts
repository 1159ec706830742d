// Folds rollout events into the transcript a person reads: prompts, Codex's messages, commands with their output,
// file changes with diffs, other tools and each turn's tokens. Pure: events in, items out; it never reads files.
//
// Every item comes from one line, the one that completes it, and carries that line's byte offset, so a page of whole
// lines always shows the same items whichever way it was reached. Codex 0.169 completes each tool call in one
// item_completed event; older files pair a response_item call with its output, and a call whose output has not been
// read (a later page, or still running) is held back until then. In the Codex Pro Max loop the whole loop is one Codex
// turn: its prompts are the loop tools' answers and its conclusions submit_conclusion's argument.

import { TRANSCRIPT_TEXT_LIMIT, type TranscriptItem } from '../../shared/transcript.js';
import type { TokenUsage } from '../../shared/usage.js';
import { usageDelta } from '../../shared/usage-math.js';
import { clip } from './activity.js';
import { commandOfInput, handedPrompt, isBlocked, jsonField, patchFiles, rawShellOutput } from './conversation-tools.js';
import type { RolloutEvent } from './event.js';
import { isLosingTextTwin } from './twins.js';

/** The MCP server `codex-pro-max setup` registers; its calls are the loop itself. */
const LOOP_SERVER = 'codex_pro_max';

export interface TranscriptOptions {
  /** The lines carry the `{type, payload}` wrapper (else a 2025 H1 file, whose response items are all there is). */
  wrapped: boolean;
  /** The thread's token total just before the first line folded: zero at the file's start, null when unknown. */
  totalBefore: TokenUsage | null;
  /** Called with each item as soon as it is complete (an export streams them, so they are not kept); else see `items`. */
  onItem?: (item: TranscriptItem) => void;
}

interface PendingCall {
  name: string;
  input: string;
  offset: number;
  at: string | null;
}

const text = (s: string) => clip(s, TRANSCRIPT_TEXT_LIMIT);

export class TranscriptFold {
  readonly items: TranscriptItem[] = [];
  private readonly pending = new Map<string, PendingCall>();
  private total: TokenUsage | null;
  /** The total when the open turn began: undefined when its start was not folded here. */
  private totalAtTurnStart: TokenUsage | null | undefined = undefined;
  private turnUsage: TokenUsage | null = null;
  private lastSearch: string | null = null;
  private turnOpen = false;

  constructor(private readonly options: TranscriptOptions) {
    this.total = options.totalBefore;
  }

  /** The turn's own usage as Codex 0.169 records it (token_usage_record.turn_token_usage); the newest wins. */
  turnTokens(counts: TokenUsage | null): void {
    if (counts) this.turnUsage = counts;
  }

  apply(ev: RolloutEvent): void {
    const base = { offset: ev.offset, atIso: ev.at };
    switch (ev.kind) {
      case 'turn.start':
        this.beginTurn();
        break;
      case 'turn.end':
      case 'turn.aborted': {
        this.flushPending('running');
        const aborted = ev.kind === 'turn.aborted';
        const error = aborted ? ev.reason : ev.error;
        this.push({
          kind: 'turn',
          ...base,
          turnId: aborted ? null : ev.turnId,
          outcome: aborted ? 'interrupted' : ev.error ? 'failed' : 'completed',
          error,
          tokens:
            this.turnUsage ??
            (this.total && this.totalAtTurnStart && this.total !== this.totalAtTurnStart
              ? usageDelta(this.total, this.totalAtTurnStart)
              : null),
          durationMs: aborted ? null : ev.durationMs,
        });
        this.totalAtTurnStart = undefined;
        this.turnUsage = null;
        this.turnOpen = false;
        break;
      }
      case 'user':
        if (isLosingTextTwin(ev.from, this.options.wrapped) || !ev.text.trim()) break;
        // Older rollouts write no turn start: a prompt outside a turn begins one.
        if (!this.turnOpen) this.beginTurn();
        this.push({ kind: 'prompt', ...base, text: ev.text, via: 'typed' });
        break;
      case 'agent':
        if (!isLosingTextTwin(ev.from, this.options.wrapped) && ev.text.trim())
          this.push({ kind: 'message', ...base, text: ev.text, conclusion: false });
        break;
      case 'usage':
        if (ev.info?.total) this.total = ev.info.total;
        break;
      case 'call':
        this.pending.set(ev.callId, { name: ev.name, input: ev.input, offset: ev.offset, at: ev.at });
        break;
      case 'call.output': {
        const call = this.pending.get(ev.callId);
        // No call held: its event already told it (0.169), or the call sits on an earlier page.
        if (call) {
          this.pending.delete(ev.callId);
          this.completeCall(call, ev.output, base);
        }
        break;
      }
      case 'command': {
        const call = ev.callId ? this.pending.get(ev.callId) : undefined;
        if (ev.callId) this.pending.delete(ev.callId);
        const status = ev.status === 'declined' ? 'blocked' : ev.status === 'in_progress' ? 'running' : null;
        this.push({
          kind: 'command',
          ...base,
          // Older exec_command_end events name no command: the call they answer does.
          command: ev.command || (call ? commandOfInput(call.input) : ''),
          exitCode: ev.exitCode,
          status: status ?? (ev.exitCode ? (isBlocked(ev.output) ? 'blocked' : 'failed') : 'completed'),
          output: text(ev.output),
          outputChars: ev.output.length,
          durationMs: ev.durationMs,
        });
        break;
      }
      case 'files':
        if (ev.callId) this.pending.delete(ev.callId);
        if (ev.files.length > 0)
          this.push({
            kind: 'files',
            ...base,
            status: ev.status === 'failed' ? 'failed' : ev.status === 'declined' ? 'blocked' : 'applied',
            files: ev.files.map((f) => ({ ...f, diff: text(f.diff) })),
          });
        break;
      case 'mcp':
        if (ev.callId) this.pending.delete(ev.callId);
        if (ev.server === LOOP_SERVER) this.loopTool(ev.tool, ev.arguments, ev.result, base);
        else
          this.push({
            kind: 'tool',
            ...base,
            text: `MCP ${ev.server}.${ev.tool}${ev.error ? ` (failed: ${ev.error})` : ''}`,
            detail: text(`${ev.arguments}${ev.result ? `\n\n${ev.result}` : ''}`),
          });
        break;
      case 'search':
        // Codex writes a search as an event and as a response item; one line is enough.
        if (ev.query !== this.lastSearch) this.push({ kind: 'tool', ...base, text: `Web search: ${ev.query}`, detail: '' });
        this.lastSearch = ev.query;
        break;
      case 'plan':
        this.push({
          kind: 'tool',
          ...base,
          text: 'Updated the plan',
          detail: [ev.explanation, ...ev.steps.map((s) => `- [${s.status === 'completed' ? 'x' : ' '}] ${s.step}`)]
            .filter(Boolean)
            .join('\n'),
        });
        break;
      case 'compacted':
        this.push({ kind: 'note', ...base, text: 'Codex compacted the conversation here: earlier context was summarised.' });
        break;
      case 'error':
        this.push({ kind: 'note', ...base, text: `Error: ${ev.message}` });
        break;
      default:
        break;
    }
  }

  /**
   * End of the lines folded. `atFileEnd`: calls still held are running; otherwise their completion lies after
   * these lines and the next page shows them.
   */
  finish(atFileEnd: boolean): TranscriptItem[] {
    if (atFileEnd) this.flushPending('running');
    this.pending.clear();
    return this.items;
  }

  private beginTurn(): void {
    this.turnOpen = true;
    this.totalAtTurnStart = this.total;
    this.turnUsage = null;
  }

  private push(item: TranscriptItem): void {
    if (this.options.onItem) this.options.onItem(item);
    else this.items.push(item);
  }

  private flushPending(status: 'running'): void {
    for (const call of this.pending.values()) this.completeCall(call, null, { offset: call.offset, atIso: call.at }, status);
    this.pending.clear();
  }

  /** A response_item call with its output (null: it never came). */
  private completeCall(
    call: PendingCall,
    output: string | null,
    base: { offset: number; atIso: string | null },
    running?: 'running',
  ): void {
    const name = call.name;
    if (name.includes(LOOP_SERVER)) {
      const tool = name.slice(name.lastIndexOf('.') + 1);
      this.loopTool(tool, call.input, output ?? '', base);
    } else if (name === 'exec_command' || name === 'shell' || name === 'local_shell') {
      const raw = output === null ? { exitCode: null, output: '' } : rawShellOutput(output);
      const blocked = output !== null && isBlocked(output);
      this.push({
        kind: 'command',
        ...base,
        command: commandOfInput(call.input),
        exitCode: raw.exitCode,
        status: running ?? (blocked ? 'blocked' : raw.exitCode !== null && raw.exitCode !== 0 ? 'failed' : 'completed'),
        output: text(raw.output),
        outputChars: raw.output.length,
        durationMs: null,
      });
    } else if (name === 'apply_patch') {
      const out = output ?? '';
      const refused = /rejected|blocked|error|failed/i.test(out.slice(0, 300)) && !/^Success/m.test(out);
      const files = patchFiles(call.input).map(({ status: _s, ...f }) => ({ ...f, diff: text(f.diff) }));
      if (files.length > 0)
        this.push({ kind: 'files', ...base, status: refused ? (isBlocked(out) ? 'blocked' : 'failed') : 'applied', files });
    } else if (name !== 'update_plan' && !name.startsWith('mcp')) {
      this.push({ kind: 'tool', ...base, text: `Tool ${name}`, detail: text(`${call.input}${output ? `\n\n${output}` : ''}`) });
    }
  }

  /** submit_conclusion carries a conclusion; its answer (or wait_for_instruction's) may hand over the next prompt. */
  private loopTool(tool: string, args: string, result: string, base: { offset: number; atIso: string | null }): void {
    if (tool === 'submit_conclusion') {
      const conclusion = jsonField(args, 'conclusion');
      if (conclusion) this.push({ kind: 'message', ...base, text: conclusion, conclusion: true });
    }
    const prompt = handedPrompt(result);
    if (prompt !== null) this.push({ kind: 'prompt', ...base, text: prompt, via: 'loop' });
  }
}
