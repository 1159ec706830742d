// Small readers that turn loosely typed rollout JSON into text. Pure; never throw on odd shapes.
import type { CallStatus, FileEdit } from './event.js';

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Text of a content array (`input_text`, `output_text`, `Text`, `text` parts) or a plain string. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const part of content) {
    const text = str(obj(part).text);
    if (text !== null) parts.push(text);
  }
  return parts.join('\n');
}

/** A tool output: a string, a content-item array, or the older `{content, success}` object. */
export function outputText(output: unknown): string {
  if (typeof output === 'string') return unwrapShellOutput(output);
  if (Array.isArray(output)) return contentText(output);
  const o = obj(output);
  if ('content' in o) return contentText(o.content);
  return output === undefined || output === null ? '' : JSON.stringify(output);
}

/** 2025 shell outputs were a JSON string `{"output": "...", "metadata": {"exit_code": n}}`; show the text. */
function unwrapShellOutput(text: string): string {
  if (!text.startsWith('{"output":')) return text;
  try {
    const parsed = obj(JSON.parse(text));
    const exit = num(obj(parsed.metadata).exit_code);
    return `${str(parsed.output) ?? ''}${exit === null ? '' : `\n(exit code ${exit})`}`;
  } catch {
    return text;
  }
}

/** `["/bin/bash","-lc","echo hi"]` → `echo hi`; other argv arrays are joined with spaces. */
export function commandText(command: unknown): string {
  if (typeof command === 'string') return command;
  if (!Array.isArray(command)) return '';
  const argv = command.map(String);
  if (argv.length === 3 && /(^|\/)(ba|z|)sh$/.test(argv[0] ?? '') && /^-l?c$/.test(argv[1] ?? '')) return argv[2] ?? '';
  return argv.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
}

/** `{secs, nanos}` (serde Duration), milliseconds, or a "1.2s" string → milliseconds. */
export function durationMs(value: unknown): number | null {
  if (typeof value === 'number') return value;
  const o = obj(value);
  const secs = num(o.secs);
  if (secs !== null) return Math.round(secs * 1000 + (num(o.nanos) ?? 0) / 1e6);
  const s = str(value);
  const m = s ? /^([\d.]+)(ms|s)$/.exec(s) : null;
  return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : null;
}

export function callStatus(value: unknown, fallback: CallStatus = null): CallStatus {
  const s = str(value)?.toLowerCase();
  return s === 'in_progress' || s === 'completed' || s === 'failed' || s === 'declined' ? s : fallback;
}

/** Pretty-prints a JSON-string or object argument for display. */
export function argsText(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** A file-change map, either 0.169's `{path: {type, …}}` or the older `{path: {add|delete|update: {…}}}`. */
export function fileEdits(changes: unknown): FileEdit[] {
  const edits: FileEdit[] = [];
  for (const [path, raw] of Object.entries(obj(changes))) {
    let change = str(obj(raw).type);
    let body = obj(raw);
    if (!change) {
      const key = Object.keys(obj(raw))[0];
      change = key ?? 'update';
      body = obj(obj(raw)[change]);
    }
    const content = str(body.content);
    const diff =
      str(body.unified_diff) ??
      (content === null
        ? ''
        : content
            .replace(/\n$/, '')
            .split('\n')
            .map((l) => (change === 'delete' ? `-${l}` : `+${l}`))
            .join('\n'));
    edits.push({ path, change, movePath: str(body.move_path), diff });
  }
  return edits;
}
