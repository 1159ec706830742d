// Finds `@name` mentions of a session's attachments in a prompt and adds their absolute paths for Codex.
import type { DeliveredPrompt } from '../shared/schemas.js';

type MentionTarget = DeliveredPrompt['attachments'][number];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The attachments mentioned as `@name` (at a word start, ending at whitespace, punctuation or the end). */
export function findMentions<T extends { name: string }>(text: string, attachments: readonly T[]): T[] {
  // Longest names first, so "@a b.txt" is not also read as "@a".
  const sorted = [...attachments].sort((a, b) => b.name.length - a.name.length);
  const found: T[] = [];
  let remaining = text;
  for (const a of sorted) {
    const re = new RegExp(`(^|[\\s(\\[{"'])@${escapeRegExp(a.name)}(?=$|[\\s)\\]}"',;:!?]|\\.(?:\\s|$))`, 'u');
    if (re.test(remaining)) {
      found.push(a);
      remaining = remaining.replace(new RegExp(`@${escapeRegExp(a.name)}`, 'gu'), ' ');
    }
  }
  return found.sort((a, b) => text.indexOf(`@${a.name}`) - text.indexOf(`@${b.name}`));
}

/** The text Codex receives: the prompt as typed, then one line per mentioned attachment with its absolute path. */
export function withAttachmentPaths(text: string, mentioned: readonly MentionTarget[]): string {
  if (mentioned.length === 0) return text;
  const lines = mentioned.map((a) => `- @${a.name}: ${a.path}`);
  return `${text}\n\nAttachment file paths:\n${lines.join('\n')}`;
}
