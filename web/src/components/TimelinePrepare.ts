// While the person reads or scrolls, the entries just outside the rendered range are parsed and highlighted in idle
// time, so that one scrolling into view builds only its DOM, once, in full: no parse in the frame it mounts in, and
// no second render to upgrade it from plain Markdown.
import { useEffect } from 'react';
import type { TimelineEntry as Entry } from '../../../src/shared/schemas.js';
import { foldPrompt } from '../lib/foldPrompt.js';
import { prepareMarkdown } from './Markdown.js';

/** How many entries past each end of the rendered range are prepared. */
const AHEAD = 8;
/** Stop preparing in an idle period with less time left than this (one long entry takes a few milliseconds). */
const MIN_IDLE_MS = 4;

/** The text the entry's Markdown renders first: a long prompt shows its folded start (PromptBody). */
function shownText(entry: Entry): string {
  if (entry.role !== 'user') return entry.content;
  return foldPrompt(entry.content)?.preview ?? entry.content;
}

export function usePrepareAround(entries: Entry[], first: number | undefined, last: number | undefined): void {
  useEffect(() => {
    if (first === undefined || last === undefined || typeof requestIdleCallback !== 'function') return;
    // Nearest first, alternating ends: the person may scroll either way.
    const queue: number[] = [];
    for (let i = 1; i <= AHEAD; i++) queue.push(last + i, first - i);
    let id = 0;
    const work = (deadline: IdleDeadline) => {
      while (queue.length > 0 && deadline.timeRemaining() > MIN_IDLE_MS) {
        const entry = entries[queue.shift() as number];
        if (entry) prepareMarkdown(shownText(entry));
      }
      if (queue.length > 0) id = requestIdleCallback(work);
    };
    id = requestIdleCallback(work);
    return () => cancelIdleCallback(id);
  }, [entries, first, last]);
}
