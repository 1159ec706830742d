// Builds a search hit's snippet in JS from the matched record's text: a window of words around the first match, with
// the matching words marked. FTS5's own snippet() re-runs the query per hit, which for a common word cost a
// millisecond each. Words are compared the way the index tokenizes them (letters and digits, case and accents folded).
import type { SnippetPart } from '../shared/history.js';
import { parseSearch } from './query.js';

const WORD = /[\p{L}\p{N}]+/gu;
const WINDOW_WORDS = 24;

/** Folds case and accents like FTS5's unicode61 tokenizer with remove_diacritics. */
export function fold(word: string): string {
  // Most text is ASCII, where folding is lowercasing: normalizing every candidate's text was most of a search's time.
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const NON_ASCII = /[\u0080-\uffff]/;

export interface Matcher {
  exact: Set<string>;
  prefixes: string[];
}

/**
 * What a query's words look like once folded: exact words, and prefixes (a `word*` or the last word typed, unless
 * `exactLast`: the search took that word as it is).
 */
export function matcherFor(q: string, exactLast = false): Matcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const terms = parseSearch(q);
  terms.forEach((term, t) => {
    const words = [...term.text.matchAll(WORD)].map((m) => fold(m[0]));
    const prefix = term.prefix && !(exactLast && t === terms.length - 1);
    words.forEach((w, i) => {
      if (prefix && i === words.length - 1) prefixes.push(w);
      else exact.add(w);
    });
  });
  return { exact, prefixes };
}

const matches = (m: Matcher, word: string) => {
  const w = fold(word);
  return m.exact.has(w) || m.prefixes.some((p) => w.startsWith(p));
};

/** The snippet of `text` for `m`: about WINDOW_WORDS words around the first match, "…" where it was cut. */
export function snippetOf(text: string, m: Matcher): SnippetPart[] {
  const words = [...text.matchAll(WORD)];
  if (words.length === 0) return [{ text: text.slice(0, 200), hit: false }];
  const first = Math.max(
    0,
    words.findIndex((w) => matches(m, w[0])),
  );
  const from = Math.max(0, first - Math.floor(WINDOW_WORDS / 3));
  const to = Math.min(words.length, from + WINDOW_WORDS);
  const start = from === 0 ? 0 : (words[from]?.index ?? 0);
  const lastWord = words[to - 1];
  const end = to === words.length ? text.length : (lastWord?.index ?? 0) + (lastWord?.[0].length ?? 0);
  const parts: SnippetPart[] = [];
  const plain = (s: string) => {
    if (!s) return;
    const last = parts[parts.length - 1];
    if (last && !last.hit) last.text += s;
    else parts.push({ text: s, hit: false });
  };
  if (from > 0) plain('…');
  let at = start;
  for (let i = from; i < to; i++) {
    const w = words[i] as RegExpMatchArray;
    const wStart = w.index ?? 0;
    if (!matches(m, w[0])) continue;
    plain(text.slice(at, wStart).replace(/\s+/g, ' '));
    parts.push({ text: w[0], hit: true });
    at = wStart + w[0].length;
  }
  plain(text.slice(at, end).replace(/\s+/g, ' '));
  if (end < text.length) plain('…');
  return parts;
}
