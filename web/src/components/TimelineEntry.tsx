// One prompt or conclusion in the timeline: who, when, a copy button, the Markdown body and, folded under it, what
// Codex did to reach it (from WorkContext, so the timeline passes nothing down).
import { memo } from 'react';
import type { TimelineEntry as Entry } from '../../../src/shared/schemas.js';
import { entryTime, fullTime } from '../lib/time.js';
import { useWorkFor } from '../rollout/useEntryWork.js';
import { isTerminalTask } from '../rollout/useFirstPrompt.js';
import { WorkFold } from '../rollout/WorkFold.js';
import { CopyButton } from './CopyButton.js';
import { Markdown } from './Markdown.js';
import { PromptBody } from './PromptBody.js';

/** `live`: the entry arrived while the timeline was open (not part of the first load), so it paints instantly. */
export const TimelineEntry = memo(function TimelineEntry({ entry, live = false }: { entry: Entry; live?: boolean }) {
  const mine = entry.role === 'user';
  const work = useWorkFor(entry.id);
  return (
    <article className={`entry ${mine ? 'user' : 'codex'}`} data-entry-id={entry.id} aria-label={mine ? 'Your prompt' : 'Codex conclusion'}>
      <header className="entry-meta">
        <span className="entry-author">{mine ? (isTerminalTask(entry) ? 'You, in the terminal' : 'You') : 'Codex'}</span>
        <time dateTime={entry.createdAt} title={fullTime(entry.createdAt)}>
          {entryTime(entry.createdAt)}
        </time>
        <CopyButton text={entry.content} label={mine ? 'Copy prompt' : 'Copy conclusion'} />
      </header>
      {mine ? <PromptBody text={entry.content} instant={live} /> : <Markdown text={entry.content} instant={live} />}
      {work && <WorkFold work={work} />}
    </article>
  );
});
