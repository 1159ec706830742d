// The sidebar's text filter: which sessions match what the person typed, cheap enough for every keystroke over
// thousands of sessions. Pure (no React, no DOM); the answers it keeps are only a cache of what it would compute.
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { STATUS_LABEL } from '../lib/status.js';

// Between fields, so a query never matches across two of them (a search field cannot hold this character).
const SEPARATOR = '\u0000';
/** Queries remembered per list: a few words typed and taken back. */
const ANSWERS_KEPT = 64;

// Lower-cased text a filter searches, per summary object (a changed session is a new object, so never stale).
const haystacks = new WeakMap<SessionSummary, string>();

function haystackOf(s: SessionSummary): string {
  let hay = haystacks.get(s);
  if (hay === undefined) {
    hay = [s.title, STATUS_LABEL[s.status], s.threadId ?? '', s.cwd ?? '', s.latestConclusion ?? ''].join(SEPARATOR).toLowerCase();
    haystacks.set(s, hay);
  }
  return hay;
}

/** What a query means: case and surrounding spaces do not count. */
export function normalizeQuery(filter: string): string {
  return filter.trim().toLowerCase().replaceAll(SEPARATOR, '');
}

/** Case-insensitive match on title, status, thread id, working folder and the latest conclusion. */
export function matchesFilter(s: SessionSummary, filter: string): boolean {
  const q = normalizeQuery(filter);
  return q === '' || haystackOf(s).includes(q);
}

/**
 * Filters one list for successive queries, reusing earlier answers: a query that contains an earlier one searches only
 * what that one matched (whatever contains the longer text contains the shorter), and a query asked before, as after
 * Backspace, is answered at once. A new list (any session changed) starts afresh.
 */
export class SessionFilter {
  private list: readonly SessionSummary[] | null = null;
  private readonly answers = new Map<string, SessionSummary[]>();

  /** The sessions of `list` that match `filter`, in the list's order; `list` itself when the filter is empty. */
  apply(list: SessionSummary[], filter: string): SessionSummary[] {
    const q = normalizeQuery(filter);
    if (list !== this.list) {
      this.list = list;
      this.answers.clear();
    }
    if (q === '') return list;
    const known = this.answers.get(q);
    if (known) return known;
    let from = list;
    let longest = 0;
    for (const [earlier, matched] of this.answers) {
      if (earlier.length > longest && q.includes(earlier)) {
        from = matched;
        longest = earlier.length;
      }
    }
    const matched = from.filter((s) => haystackOf(s).includes(q));
    if (this.answers.size >= ANSWERS_KEPT) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(q, matched);
    return matched;
  }
}
