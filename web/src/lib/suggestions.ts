// Which attachments or slash prompts to suggest for the word being typed. Pure, so the rules are unit-tested.
import type { Attachment, SlashPrompt } from '../../../src/shared/schemas.js';

const LIMIT = 8;

/** Attachments whose name contains the query (case-insensitive); names starting with it come first. */
export function mentionSuggestions(query: string, attachments: readonly Attachment[]): Attachment[] {
  const q = query.toLowerCase();
  return attachments
    .filter((a) => a.name.toLowerCase().includes(q))
    .sort(
      (a, b) => Number(!a.name.toLowerCase().startsWith(q)) - Number(!b.name.toLowerCase().startsWith(q)) || a.name.localeCompare(b.name),
    )
    .slice(0, LIMIT);
}

/** Slash prompts whose name starts with the query, shortest first (an exact match is just the first choice). */
export function slashSuggestions(query: string, prompts: readonly SlashPrompt[]): SlashPrompt[] {
  const q = query.toLowerCase();
  return prompts
    .filter((p) => p.name.startsWith(q))
    .sort((a, b) => a.name.length - b.name.length || a.name.localeCompare(b.name))
    .slice(0, LIMIT);
}
