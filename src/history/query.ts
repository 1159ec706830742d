// Turns what a person types into an FTS5 match expression: words must all appear, `word*` is a prefix, the last bare
// word of three characters or more is a prefix too (results follow typing), "quoted text" is an exact phrase. Every term is quoted, so nothing
// typed can reach FTS5's own syntax (AND, NEAR, column filters, parentheses). Pure.
import type { HistoryField } from '../shared/history.js';

interface Term {
  text: string;
  phrase: boolean;
  prefix: boolean;
}

/** Shorter last words are searched as typed: the index keeps prefixes of three characters, not fewer. */
const MIN_TYPED_PREFIX = 3;

/** Splits the search text into terms; empty when it holds nothing to search for. */
export function parseSearch(q: string): Term[] {
  return typedTerms(q).terms;
}

/** The terms, and whether the last one is a prefix only because it is being typed (no `*`, no space after it). */
function typedTerms(q: string): { terms: Term[]; typedPrefix: boolean } {
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
  const typedPrefix = !!last && !last.phrase && !last.prefix && !/\s$/.test(q) && [...last.text].length >= MIN_TYPED_PREFIX;
  if (last && typedPrefix) last.prefix = true;
  return { terms, typedPrefix };
}

function hasWordChars(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** The MATCH expression for `q`, restricted to `field` (the thread name is searched with every field); null when empty. */
export function matchExpression(q: string, field?: HistoryField): string | null {
  return searchExpressions(q, field)?.match ?? null;
}

/**
 * The MATCH expression for `q`, and, when its last word is a prefix only because it is being typed, the same with
 * that word exact (`exact`): a reader tries it first, because a prefix of a common word makes FTS5 gather every
 * longer word's matches before it can answer.
 */
export function searchExpressions(q: string, field?: HistoryField): { match: string; exact: string | null } | null {
  const { terms, typedPrefix } = typedTerms(q);
  if (terms.length === 0) return null;
  // A prefix applies to the last token of a term; "foo-ba*" is the phrase "foo ba*".
  const body = (ts: Term[]) => {
    const text = ts.map((t) => `${quote(t.text)}${t.prefix ? '*' : ''}`).join(' AND ');
    return field ? `{${field}} : (${text})` : text;
  };
  const exact = typedPrefix ? body(terms.map((t, i) => (i === terms.length - 1 ? { ...t, prefix: false } : t))) : null;
  return { match: body(terms), exact };
}
