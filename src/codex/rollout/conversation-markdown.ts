// The conversation export as Markdown: a header, then each exchange (prompt, what Codex did, conclusion) in order.
// Pure string building over ConversationFold's exchanges; prompts are quoted, conclusions kept as the Markdown they are.
import type { TokenUsage } from '../../shared/usage.js';
import { totalTokens } from '../../shared/usage-math.js';
import type { Exchange } from './conversation.js';
import { fence, quote, time } from './markdown.js';

export interface ConversationHeader {
  title: string;
  threadId: string | null;
  /** How the session runs, in words ("driven from Codex Pro Max", "Codex in a terminal, through the loop"). */
  mode: string;
  /** The rollout file's name, or null when none was found. */
  rolloutFile: string | null;
  exportedAt: string;
  scope: 'whole conversation' | 'latest exchange';
}

const n = (v: number) => v.toLocaleString('en-US');

/** "7,915 tokens (7,610 in, of which 4,100 cached; 305 out)" */
export function tokenLine(t: TokenUsage): string {
  return `${n(totalTokens(t))} tokens (${n(t.inputTokens)} in, of which ${n(t.cachedInputTokens)} cached; ${n(t.outputTokens)} out${t.reasoningOutputTokens ? `, of which ${n(t.reasoningOutputTokens)} reasoning` : ''})`;
}

export function renderConversationHeader(h: ConversationHeader): string {
  return [
    `# ${h.title.replace(/\n/g, ' ')}\n`,
    `- Export: ${h.scope}, ${h.exportedAt}`,
    `- Session: ${h.mode}`,
    `- Codex thread: ${h.threadId ? `\`${h.threadId}\`` : 'none yet'}`,
    h.rolloutFile
      ? `- Codex's log: \`${h.rolloutFile}\``
      : "- Codex's log: not found, so what Codex did between prompts is missing; prompts and conclusions are from Codex Pro Max",
    '',
    '',
  ].join('\n');
}

const OUTCOME: Record<Exclude<Exchange['outcome'], 'concluded'>, string> = {
  interrupted: '**Interrupted**: Codex was stopped before it gave a conclusion.',
  failed: '**Failed**: the turn ended with an error before a conclusion.',
  in_progress: '_Codex is still working on this._',
  ended: '_Codex ended here without a conclusion._',
};

/** One exchange; `index` counts prompts (1-based) so headings read "Prompt 2", "Conclusion 2". */
export function renderExchange(ex: Exchange, index: number, isFirst: boolean): string {
  const out: string[] = ['---\n'];
  if (ex.prompt) {
    const heading =
      ex.prompt.from === 'terminal' ? (isFirst ? 'Task (typed in the terminal)' : 'Prompt typed in the terminal') : `Prompt ${index}`;
    out.push(`## ${heading}${time(ex.prompt.at)}\n`, quote(ex.prompt.text));
  }
  const work = renderWork(ex);
  if (work) out.push(work);
  if (ex.conclusion) {
    out.push(`## ${ex.conclusion.entry ? `Conclusion ${index}` : "Codex's message"}${time(ex.conclusion.at)}\n`);
    out.push(`${ex.conclusion.text.trimEnd()}\n`);
  } else if (ex.outcome !== 'concluded') {
    out.push(`${OUTCOME[ex.outcome]}${ex.error ? ` (${ex.error})` : ''}\n`);
  }
  return out.join('\n');
}

function renderWork(ex: Exchange): string | null {
  const { commands, files, tools, messages } = ex.work;
  if (commands.size + files.size + tools.length + messages.length === 0 && !ex.tokens) return null;
  const out: string[] = ['### What Codex did\n'];
  for (const c of commands.values()) {
    const how =
      c.status === 'blocked'
        ? `blocked by the sandbox${c.exitCode !== null ? `, exit ${c.exitCode}` : ''}`
        : c.status === 'running'
          ? 'did not finish'
          : `exit ${c.exitCode ?? '?'}`;
    out.push(`- Ran \`${c.command.replace(/`/g, "'").replace(/\n/g, ' ')}\` (${how})\n`);
    if (c.output.trim()) out.push(indent(fence(c.output, 'text')));
  }
  for (const f of files.values()) {
    const what = { add: 'added', update: 'changed', delete: 'deleted' }[f.change] ?? f.change;
    const status = f.status === 'applied' ? '' : f.status === 'blocked' ? ' (blocked by the sandbox, not written)' : ' (not applied)';
    out.push(`- ${what[0]?.toUpperCase()}${what.slice(1)} \`${f.path}\`${f.movePath ? ` → \`${f.movePath}\`` : ''}${status}\n`);
    if (f.diff.trim()) out.push(indent(fence(f.diff, 'diff')));
  }
  for (const t of tools) out.push(`- ${t}\n`);
  for (const m of messages) out.push(`- Said${time(m.at)}:\n\n${indent(quote(m.text))}`);
  if (ex.tokens) out.push(`- Used ${tokenLine(ex.tokens)}\n`);
  return out.join('\n');
}

const indent = (block: string) =>
  `${block
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n')}`;
