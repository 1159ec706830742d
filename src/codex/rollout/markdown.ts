// Markdown building blocks for exports. Fences are always safe: longer than any run of the same fence
// character inside the content, so nothing in a command output or diff can close them early.
import type { Turn } from './turn.js';
import { pick } from './twins.js';

/** Wraps `content` in a fence that nothing inside it can close; backticks unless the info string has one. */
export function fence(content: string, info = ''): string {
  const useTilde = info.includes('`');
  const char = useTilde ? '~' : '`';
  let longest = 0;
  for (const m of content.matchAll(useTilde ? /~+/g : /`+/g)) longest = Math.max(longest, m[0].length);
  const marks = char.repeat(Math.max(3, longest + 1));
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `${marks}${info}\n${body}${marks}\n`;
}

const when = (at: string | null) => (at ? ` (${at})` : '');

/** One turn as Markdown: user message, AI messages, tool calls with input and output, edited files, task events. */
export function renderTurn(turn: Turn, heading: string): string {
  const out: string[] = [`## ${heading}\n`];
  const users = pick(turn.user);
  const agents = pick(turn.agent);
  out.push(
    `- Turn: \`${turn.key}\`\n- State: ${turn.state}${turn.error ? ` (${turn.error})` : ''}\n- Started: ${turn.startedAt ?? 'unknown'}\n- Finished: ${turn.completedAt ?? 'not yet'}\n`,
  );

  out.push('### User message\n');
  if (users.length === 0) out.push('_None in this turn._\n');
  for (const u of users) out.push(`${when(u.at).trim()}\n\n${fence(u.text, 'text')}`);

  out.push('### AI messages\n');
  if (agents.length === 0) out.push('_None in this turn._\n');
  out.push(...agents.map((a, i) => `#### AI message ${i + 1}${when(a.at)}\n\n${fence(a.text, 'markdown')}`));

  const calls = [...turn.calls.values()];
  out.push('### Tool calls and outputs\n');
  if (calls.length === 0) out.push('_None in this turn._\n');
  calls.forEach((c, i) => {
    const facts = [c.status ? `status ${c.status}` : null, c.exitCode !== null ? `exit code ${c.exitCode}` : null]
      .filter(Boolean)
      .join(', ');
    out.push(
      `#### Tool call ${i + 1}: ${c.name}${when(c.at)}\n\n${facts ? `${facts}\n\n` : ''}Input:\n\n${fence(c.input, c.name === 'apply_patch' ? 'diff' : 'json')}\nOutput:\n\n${c.output === null ? '_No output recorded._\n' : fence(c.output, 'text')}`,
    );
  });

  out.push('### Edited files\n');
  if (turn.files.size === 0 && turn.turnDiffs.length === 0) out.push('_None in this turn._\n');
  for (const [path, f] of turn.files) {
    out.push(`#### ${path}\n\nChange: ${f.change}${f.movePath ? `, moved to ${f.movePath}` : ''}\n\n`);
    out.push(...f.diffs.map((d, i) => `Diff ${i + 1}:\n\n${fence(d, 'diff')}`));
  }
  if (turn.files.size === 0) out.push(...turn.turnDiffs.map((d, i) => `#### Turn diff ${i + 1}\n\n${fence(d, 'diff')}`));

  out.push('### Task events\n');
  out.push(turn.tasks.length === 0 ? '_None._\n' : `${turn.tasks.map((t) => `- ${t.text}${when(t.at)}`).join('\n')}\n`);
  return out.join('\n');
}

export interface ExportHeader {
  title: string;
  threadId: string | null;
  rolloutPath: string;
  exportedAt: string;
}

export function renderHeader(h: ExportHeader, scope: string): string {
  const base = h.rolloutPath.split(/[\\/]/).at(-1) ?? h.rolloutPath;
  return `# Codex export: ${h.title.replace(/\n/g, ' ')}\n\n- Scope: ${scope}\n- Thread: \`${h.threadId ?? 'unknown'}\`\n- Rollout: \`${base}\`\n- Exported: ${h.exportedAt}\n\n`;
}
