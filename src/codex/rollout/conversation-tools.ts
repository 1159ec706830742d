// Readers for the tool calls the conversation fold sees as text: the loop tools' answers, exec_command's plain-text
// output, apply_patch inputs, and the words Codex uses when its sandbox refuses something. Pure (codex-cli 0.169/0.171).
import type { WorkFile } from '../../shared/rollout.js';
import { commandText } from './records-text.js';

/** What Codex's sandbox and approval settings answer when they refuse a command or a patch. */
const BLOCKED =
  /Read-only file system|blocked by (the )?read-only sandbox|rejected by user approval|sandbox denied|Operation not permitted/i;
export function isBlocked(output: string): boolean {
  return BLOCKED.test(output);
}

export function jsonField(json: string, field: string): string | null {
  try {
    const v = (JSON.parse(json) as Record<string, unknown>)[field];
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** The prompt a loop tool's answer hands over: `{status:"instruction", instruction:{content}}`, after "Output:\n". */
export function handedPrompt(output: string): string | null {
  const at = output.indexOf('Output:\n');
  const body = at >= 0 ? output.slice(at + 'Output:\n'.length) : output;
  try {
    const parsed = JSON.parse(body) as { status?: unknown; instruction?: { content?: unknown } };
    return parsed.status === 'instruction' && typeof parsed.instruction?.content === 'string' ? parsed.instruction.content : null;
  } catch {
    const m = /^The person sent the next prompt[^\n]*\n\n([\s\S]*?)\n\n---/.exec(output);
    return m ? (m[1] ?? null) : null;
  }
}

export function commandOfInput(input: string): string {
  try {
    const args = JSON.parse(input) as { command?: unknown; cmd?: unknown };
    return commandText(args.cmd ?? args.command);
  } catch {
    return input;
  }
}

/** exec_command's text answer: "…Process exited with code N…\nOutput:\n<text>". */
export function rawShellOutput(text: string): { exitCode: number | null; output: string } {
  const code = /Process exited with code (-?\d+)/.exec(text);
  const at = text.indexOf('Output:\n');
  return { exitCode: code ? Number(code[1]) : null, output: at >= 0 ? text.slice(at + 'Output:\n'.length) : text };
}

/** The files an apply_patch input names, each with its part of the patch as the diff (applied until told otherwise). */
export function patchFiles(input: string): WorkFile[] {
  const out: WorkFile[] = [];
  let cur: WorkFile | null = null;
  for (const line of input.split('\n')) {
    const m = /^\*\*\* (Add|Update|Delete) File: (.+)$/.exec(line);
    if (m) {
      cur = { path: m[2] ?? '', change: (m[1] ?? '').toLowerCase(), movePath: null, diff: '', status: 'applied' };
      out.push(cur);
    } else if (cur && line.startsWith('*** Move to: ')) cur.movePath = line.slice('*** Move to: '.length);
    else if (cur && !line.startsWith('*** ')) cur.diff += `${line}\n`;
  }
  return out;
}
