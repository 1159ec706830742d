// Finds the `@mention` or `/slash` word the caret is in, and replaces it. Pure string functions for the composer.
// Nothing here changes text by itself: insertion only happens when the person picks a suggestion.

export interface ActiveToken {
  trigger: '@' | '/';
  /** Index of the trigger character. */
  start: number;
  /** Text typed after the trigger, up to the caret. */
  query: string;
}

// Same word starts the server accepts for mentions (src/delivery/mentions.ts): start, whitespace or an opening bracket/quote.
const WORD_START = /[\s([{"']/;

/** The trigger word that ends at the caret, or null when the caret is not in one. */
export function activeToken(text: string, caret: number): ActiveToken | null {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1] ?? '')) start--;
  // Inside a word such as "(@name", the trigger may follow an opening bracket.
  for (let i = start; i < caret; i++) {
    const ch = text[i];
    if (ch !== '@' && ch !== '/') continue;
    const before = i === 0 ? '' : (text[i - 1] ?? '');
    if (i !== 0 && !WORD_START.test(before)) return null;
    const query = text.slice(i + 1, caret);
    if (ch === '/' && !/^[a-z0-9_-]*$/i.test(query)) return null;
    if (ch === '@' && /[@\s]/.test(query)) return null;
    return { trigger: ch, start: i, query };
  }
  return null;
}

/** Replaces the token [start, caret) with `replacement`; returns the new text and where the caret goes. */
export function replaceToken(text: string, token: ActiveToken, caret: number, replacement: string): { text: string; caret: number } {
  const after = text.slice(caret);
  const next = text.slice(0, token.start) + replacement + after;
  return { text: next, caret: token.start + replacement.length };
}

/** The mention text for a file name, with a trailing space unless one follows already. */
export function mentionText(name: string, following: string): string {
  return /^\s/.test(following) ? `@${name}` : `@${name} `;
}

/** Inserts a mention at the caret (from an attachment's "@" button), adding a space before it when needed. */
export function insertAt(text: string, caret: number, name: string): { text: string; caret: number } {
  const before = text.slice(0, caret);
  const lead = before === '' || /\s$/.test(before) ? '' : ' ';
  const inserted = lead + mentionText(name, text.slice(caret));
  return { text: before + inserted + text.slice(caret), caret: caret + inserted.length };
}
