// Markdown building blocks for exports: the header and fences. Fences are always safe: longer than any run of the same fence
// character inside the content, so nothing in a command output or diff can close them early.

/** Wraps `content` in a fence that nothing inside it can close; backticks unless the info string has one. */
/** ` · 2026-12-01 12:22:57 UTC` for an ISO time, nothing without one: the time after a heading in an export. */
export const time = (at: string | null) => (at ? ` · ${at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : '');
/** The text as a Markdown block quote, blank lines kept inside it. */
export const quote = (text: string) =>
  `${text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n')}\n`;

export function fence(content: string, info = ''): string {
  const useTilde = info.includes('`');
  const char = useTilde ? '~' : '`';
  let longest = 0;
  for (const m of content.matchAll(useTilde ? /~+/g : /`+/g)) longest = Math.max(longest, m[0].length);
  const marks = char.repeat(Math.max(3, longest + 1));
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `${marks}${info}\n${body}${marks}\n`;
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
