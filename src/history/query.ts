// Turns what a person types into an FTS5 match expression: words must all appear, `word*` is a prefix, the last bare
// word is a prefix too (results follow typing), "quoted text" is an exact phrase. Every term is quoted, so nothing
// typed can reach FTS5's own syntax (AND, NEAR, column filters, parentheses). Pure.
import type { HistoryField } from '../shared/history.js';

interface Term {
  text: string;
  phrase: boolean;
  prefix: boolean;
}

/** Splits the search text into terms; empty when it holds nothing to search for. */
export function parseSearch(q: string): Term[] {
  const terms: Term[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  for (const m of q.matchAll(re)) {
    if (m[1] !== undefined) {
      const text = m[1].trim();
      if (text && hasWordChars(text)) terms.push({ text, phrase: true, prefix: false });
      continue;
    }
    const raw = m[2] ?? '';
    const prefix = raw.endsWith('*');
    const text = raw.replace(/\*+$/, '');
    if (text && hasWordChars(text)) terms.push({ text, phrase: false, prefix });
  }
  const last = terms[terms.length - 1];
  // Typing "deploy scr" should already find "deploy script"; a finished phrase stays exact.
  if (last && !last.phrase && !/\s$/.test(q)) last.prefix = true;
  return terms;
}

function hasWordChars(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** The MATCH expression for `q`, restricted to `field` (the thread name is searched with every field); null when empty. */
export function matchExpression(q: string, field?: HistoryField): string | null {
  const terms = parseSearch(q);
  if (terms.length === 0) return null;
  // A prefix applies to the last token of a term; "foo-ba*" is the phrase "foo ba*".
  const body = terms.map((t) => `${quote(t.text)}${t.prefix ? '*' : ''}`).join(' AND ');
  return field ? `{${field}} : (${body})` : body;
}
