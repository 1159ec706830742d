// Folds a rollout into the conversation as the person saw it: each prompt, what Codex did for it (commands, file
// changes, other tools, tokens) and its conclusion, matched to our timeline entries by text. Pure: it reads events
// handed to it, never files; emits each exchange once it is over so a whole-session export streams in flat memory.
//
// Where the cuts fall (codex-cli 0.169/0.171 rollouts): in the MCP loop the whole loop is one Codex turn, so an
// exchange ends at each `submit_conclusion` call of the codex_pro_max server and the next begins where that call (or
// `wait_for_instruction`) returns a prompt. In drive mode and in the terminal each turn is one exchange: its user
// message is the prompt and its last agent message the conclusion.
import type { EntryWork, ExchangeOutcome, WorkCommand, WorkFile } from '../../shared/rollout.js';
import type { TimelineEntry } from '../../shared/schemas.js';
import type { TokenUsage } from '../../shared/usage.js';
import { usageDelta } from '../../shared/usage-math.js';
import { commandOfInput, handedPrompt, isBlocked, jsonField, patchFiles, rawShellOutput } from './conversation-tools.js';
import type { RolloutEvent } from './event.js';
import { isLosingTextTwin } from './twins.js';

/** The MCP server name `codex-pro-max setup` registers; its tool calls are the loop itself, not work. */
const LOOP_SERVER = 'codex_pro_max';
/** How far ahead in the timeline a rollout text is looked for (entries Codex never saw, e.g. after a clear, are skipped). */
const LOOKAHEAD = 30;

/** The part of a timeline entry the fold reads (a TimelineEntry is one). */
export interface ConversationEntry {
  id: string;
  role: TimelineEntry['role'];
  content: string;
  createdAt: string;
  promptId: string | null;
}

/** How a driven turn ended, from our own records (Codex writes nothing when `codex exec` is interrupted). */
export interface DrivenTurnOutcome {
  promptId: string;
  status: 'starting' | 'running' | 'completed' | 'failed' | 'interrupted';
  error: string | null;
}

export interface Said {
  text: string;
  at: string | null;
  /** Our timeline entry with this text, when there is one. */
  entry: ConversationEntry | null;
}

export interface Work {
  commands: Map<string, WorkCommand>;
  files: Map<string, WorkFile>;
  tools: string[];
  /** Agent messages on the way (the last one of a turn becomes its conclusion when it has none). */
  messages: { text: string; at: string | null }[];
}

export interface Exchange {
  prompt: (Said & { from: 'timeline' | 'terminal' }) | null;
  work: Work;
  conclusion: Said | null;
  outcome: ExchangeOutcome;
  error: string | null;
  tokens: TokenUsage | null;
}

export interface ConversationOptions {
  /** Codex is still on it (the session runs or waits): an open turn at the end is in progress, not interrupted. */
  inProgress: boolean;
  drivenTurns?: DrivenTurnOutcome[];
}

const norm = (s: string) => s.replace(/\r\n/g, '\n').trim();
const emptyWork = (): Work => ({ commands: new Map(), files: new Map(), tools: [], messages: [] });
const hasWork = (w: Work) => w.commands.size + w.files.size + w.tools.length + w.messages.length > 0;

export class ConversationFold {
  private cur: Exchange = this.fresh(null);
  private turnOpen = false;
  private wrapped = false;
  /** Next timeline index a rollout text may match, and next one not yet emitted. */
  private cursor = 0;
  private emitted = 0;
  private readonly matched = new Set<string>();
  private readonly loopCalls = new Set<string>();
  private readonly concluded = new Set<string>();
  private readonly handedOff = new Set<string>();
  private total: TokenUsage | null = null;
  private totalAtStart: TokenUsage | null = null;
  private readonly driven: Map<string, DrivenTurnOutcome>;

  constructor(
    private readonly timeline: readonly ConversationEntry[],
    private readonly options: ConversationOptions,
    private readonly onExchange: (ex: Exchange) => void,
  ) {
    this.driven = new Map((options.drivenTurns ?? []).map((t) => [t.promptId, t]));
  }

  /** The thread's token total so far (the latest token_count). */
  get tokens(): TokenUsage | null {
    return this.total;
  }

  apply(ev: RolloutEvent): void {
    switch (ev.kind) {
      case 'session':
        this.wrapped = true;
        break;
      case 'turn.start':
        if (this.turnOpen) this.close('interrupted', null);
        this.turnOpen = true;
        break;
      case 'turn.end':
        this.endTurn(ev.error ? 'failed' : 'concluded', ev.error);
        break;
      case 'turn.aborted':
        this.endTurn('interrupted', ev.reason);
        break;
      case 'user':
        if (!isLosingTextTwin(ev.from, this.wrapped)) this.startPrompt(ev.text, ev.at);
        break;
      case 'agent':
        if (!isLosingTextTwin(ev.from, this.wrapped)) this.cur.work.messages.push({ text: ev.text, at: ev.at });
        break;
      case 'usage':
        if (ev.info?.total) this.total = ev.info.total;
        break;
      case 'call':
        if (ev.name.includes(LOOP_SERVER)) {
          this.loopCalls.add(ev.callId);
          // The call is written when the model makes it; its completion only once the next prompt came back.
          if (ev.name.endsWith('submit_conclusion')) this.loopTool(ev.callId, 'submit_conclusion', ev.input, '', ev.at);
        } else if (ev.name === 'exec_command' || ev.name === 'shell' || ev.name === 'local_shell')
          this.cur.work.commands.set(ev.callId, { command: commandOfInput(ev.input), exitCode: null, status: 'running', output: '' });
        else if (ev.name === 'apply_patch') for (const f of patchFiles(ev.input)) this.cur.work.files.set(`${ev.callId}:${f.path}`, f);
        else if (ev.name !== 'update_plan' && !ev.name.startsWith('mcp')) this.cur.work.tools.push(`Tool ${ev.name}`);
        break;
      case 'call.output':
        this.callOutput(ev.callId, ev.output, ev.at);
        break;
      case 'command': {
        const key = ev.callId ?? `@${ev.offset}`;
        const known = this.cur.work.commands.get(key);
        const status = ev.status === 'declined' ? 'blocked' : ev.status === 'in_progress' ? 'running' : null;
        this.cur.work.commands.set(key, {
          command: ev.command || known?.command || '',
          exitCode: ev.exitCode,
          status: status ?? (ev.exitCode ? (isBlocked(ev.output) ? 'blocked' : 'failed') : 'completed'),
          output: ev.output,
        });
        break;
      }
      case 'files':
        if (ev.callId) for (const k of [...this.cur.work.files.keys()]) if (k.startsWith(`${ev.callId}:`)) this.cur.work.files.delete(k);
        for (const f of ev.files) {
          const status = ev.status === 'failed' ? 'failed' : ev.status === 'declined' ? 'blocked' : 'applied';
          this.cur.work.files.set(`${ev.callId ?? ev.offset}:${f.path}`, { ...f, status });
        }
        break;
      case 'mcp':
        if (ev.server === LOOP_SERVER) this.loopTool(ev.callId, ev.tool, ev.arguments, ev.result, ev.at);
        else this.cur.work.tools.push(`MCP ${ev.server}.${ev.tool}${ev.error ? ` (failed: ${ev.error})` : ''}`);
        break;
      case 'search':
        // Codex records a search as an event and as a response item; one line is enough.
        if (!this.cur.work.tools.includes(`Web search: ${ev.query}`)) this.cur.work.tools.push(`Web search: ${ev.query}`);
        break;
      default:
        break;
    }
  }

  /** End of the rollout: the open exchange and any timeline entries the rollout never reached. */
  finish(): void {
    if (this.turnOpen || this.isStarted())
      this.close(this.options.inProgress ? 'in_progress' : this.turnOpen ? 'interrupted' : 'ended', null);
    this.flushTimeline(this.timeline.length);
  }

  private fresh(prompt: Exchange['prompt']): Exchange {
    this.totalAtStart = this.total;
    return { prompt, work: emptyWork(), conclusion: null, outcome: 'ended', error: null, tokens: null };
  }

  private isStarted(): boolean {
    return this.cur.prompt !== null || this.cur.conclusion !== null || hasWork(this.cur.work);
  }

  private startPrompt(text: string, at: string | null): void {
    if (this.isStarted()) this.close(this.turnOpen ? 'interrupted' : 'ended', null);
    const entry = this.match('user', text);
    this.cur = this.fresh({ text: entry?.content ?? text, at, entry, from: entry ? 'timeline' : 'terminal' });
  }

  private conclude(text: string, at: string | null): void {
    const entry = this.match('codex', text);
    this.cur.conclusion = { text: entry?.content ?? text, at, entry };
    this.close('concluded', null);
  }

  private endTurn(outcome: ExchangeOutcome, error: string | null): void {
    this.turnOpen = false;
    if (!this.isStarted()) return;
    const last = this.cur.work.messages.at(-1);
    if (outcome === 'concluded' && !this.cur.conclusion && last) {
      this.cur.work.messages.pop();
      this.conclude(last.text, last.at);
    } else this.close(outcome === 'concluded' ? 'ended' : outcome, error);
  }

  /** A submit_conclusion is a conclusion; its answer (or wait_for_instruction's) may hand over the next prompt. */
  private loopTool(callId: string | null, tool: string, args: string, result: string, at: string | null): void {
    if (tool === 'submit_conclusion' && !(callId && this.concluded.has(callId))) {
      if (callId) this.concluded.add(callId);
      const text = jsonField(args, 'conclusion');
      if (text) this.conclude(text, at);
    }
    if (callId) this.loopCalls.add(callId);
    // Rollouts that record MCP calls only as events carry the answer here; newer ones in the call's output.
    const prompt = handedPrompt(result);
    if (prompt !== null && callId && !this.handedOff.has(callId)) {
      this.handedOff.add(callId);
      this.startPrompt(prompt, at);
    }
  }

  private callOutput(callId: string, output: string, at: string | null): void {
    if (this.loopCalls.has(callId)) {
      const prompt = handedPrompt(output);
      if (prompt !== null && !this.handedOff.has(callId)) {
        this.handedOff.add(callId);
        this.startPrompt(prompt, at);
      }
      return;
    }
    const cmd = this.cur.work.commands.get(callId);
    if (cmd?.status === 'running') {
      // No command event for this call: Codex refused it (the sandbox) or the file predates those events.
      const raw = rawShellOutput(output);
      const failed = raw.exitCode !== 0;
      cmd.exitCode = raw.exitCode;
      cmd.output = raw.output;
      cmd.status = isBlocked(output) ? 'blocked' : failed ? 'failed' : 'completed';
    }
    for (const [key, f] of this.cur.work.files)
      if (key.startsWith(`${callId}:`) && /rejected|blocked|error|failed/i.test(output.slice(0, 300)) && !/^Success/m.test(output))
        this.cur.work.files.set(key, { ...f, status: isBlocked(output) ? 'blocked' : 'failed' });
  }

  /** The timeline entry (of `role`, not yet matched) whose text this is, looking a little way ahead. */
  private match(role: ConversationEntry['role'], text: string): ConversationEntry | null {
    const want = norm(text);
    const end = Math.min(this.timeline.length, this.cursor + LOOKAHEAD);
    for (let i = this.cursor; i < end; i++) {
      const e = this.timeline[i] as ConversationEntry;
      const have = norm(e.content);
      if (e.role === role && have && !this.matched.has(e.id) && (have === want || want.includes(have))) {
        this.matched.add(e.id);
        this.cursor = i + 1;
        return e;
      }
    }
    return null;
  }

  private close(outcome: ExchangeOutcome, error: string | null): void {
    const ex = this.cur;
    ex.outcome = ex.conclusion ? 'concluded' : outcome;
    ex.error = error;
    const driven = ex.prompt?.entry?.promptId ? this.driven.get(ex.prompt.entry.promptId) : undefined;
    if (driven && !ex.conclusion && (driven.status === 'interrupted' || driven.status === 'failed')) {
      ex.outcome = driven.status;
      ex.error = driven.error ?? ex.error;
    }
    if (this.total) ex.tokens = this.totalAtStart ? usageDelta(this.total, this.totalAtStart) : this.total;
    const first = [ex.prompt?.entry, ex.conclusion?.entry].find(Boolean);
    if (first) this.flushTimeline(this.timeline.indexOf(first));
    if (this.isStarted()) this.onExchange(ex);
    // Entries between this exchange's prompt and conclusion that it did not match follow it.
    this.flushTimeline(this.cursor);
    this.cur = this.fresh(null);
  }

  /** Emits timeline entries the rollout did not account for, up to index `end`, paired prompt → conclusion. */
  private flushTimeline(end: number): void {
    let pending: Exchange | null = null;
    for (; this.emitted < end; this.emitted++) {
      const e = this.timeline[this.emitted] as ConversationEntry;
      if (this.matched.has(e.id)) continue;
      this.matched.add(e.id);
      const said = { text: e.content, at: e.createdAt, entry: e };
      if (e.role === 'user') {
        if (pending) this.onExchange(pending);
        pending = {
          prompt: { ...said, from: 'timeline' },
          work: emptyWork(),
          conclusion: null,
          outcome: 'ended',
          error: null,
          tokens: null,
        };
      } else {
        const ex: Exchange = pending ?? {
          prompt: null,
          work: emptyWork(),
          conclusion: null,
          outcome: 'concluded',
          error: null,
          tokens: null,
        };
        ex.conclusion = said;
        ex.outcome = 'concluded';
        this.onExchange(ex);
        pending = null;
      }
    }
    if (pending) this.onExchange(pending);
    this.cursor = Math.max(this.cursor, this.emitted);
  }
}

/** An exchange as the wire shows it under its timeline entry, or null when it has no entry of ours to sit under. */
export function entryWork(ex: Exchange, clipText: (s: string) => string): EntryWork | null {
  const entry = ex.conclusion?.entry ?? ex.prompt?.entry;
  if (!entry) return null;
  return {
    entryId: entry.id,
    promptId: ex.prompt?.entry?.promptId ?? null,
    outcome: ex.outcome,
    error: ex.error,
    commands: [...ex.work.commands.values()].map((c) => ({ ...c, output: clipText(c.output) })),
    files: [...ex.work.files.values()].map((f) => ({ ...f, diff: clipText(f.diff) })),
    tools: ex.work.tools,
    tokens: ex.tokens,
  };
}
