// What a room message asks for: the members it @mentions, and whether the moderator declared the task done.
// Pure functions; the reply protocol they read is documented in docs/rooms.md.

/** Words that mention every agent at once. */
const EVERYONE = new Set(['all', 'everyone']);

/**
 * The members `text` mentions as `@name` (case-insensitive, at a word start), in the order of `names`; `@all` or
 * `@everyone` stands for every name in `everyone`. Unknown names are ignored.
 */
export function mentionedMembers(text: string, names: readonly string[], everyone: readonly string[] = []): string[] {
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const found = new Set<string>();
  for (const match of text.matchAll(/(^|[^\w@./-])@([A-Za-z][A-Za-z0-9_-]*)/g)) {
    const word = (match[2] ?? '').replace(/[-_]+$/, '').toLowerCase();
    if (EVERYONE.has(word)) for (const n of everyone) found.add(n);
    const name = byLower.get(word);
    if (name) found.add(name);
  }
  return names.filter((n) => found.has(n));
}

/** The moderator's answer ends the task when a line starts with the word DONE (Markdown emphasis allowed). */
export function declaresDone(text: string): boolean {
  return /^[ \t>*_#-]*DONE\b/m.test(text);
}
