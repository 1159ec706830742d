// A prompt's text in the timeline; a long one (a pasted log, a whole file) shows its start with "Show all", so one
// huge prompt does not make the conversation hundreds of screens tall.
import { useMemo, useState } from 'react';
import { foldPrompt } from '../lib/foldPrompt.js';
import { Markdown } from './Markdown.js';

export function PromptBody({ text, instant }: { text: string; instant: boolean }) {
  const [whole, setWhole] = useState(false);
  const folded = useMemo(() => foldPrompt(text), [text]);
  if (!folded || whole) {
    return (
      <>
        <Markdown text={text} softBreaks instant={instant} />
        {folded && (
          <button type="button" className="button small prompt-fold" aria-expanded="true" onClick={() => setWhole(false)}>
            Show less
          </button>
        )}
      </>
    );
  }
  return (
    <>
      <div className="prompt-preview">
        <Markdown text={folded.preview} softBreaks instant={instant} />
      </div>
      <button type="button" className="button small prompt-fold" aria-expanded="false" onClick={() => setWhole(true)}>
        Show all ({folded.hiddenLines} more {folded.hiddenLines === 1 ? 'line' : 'lines'})
      </button>
    </>
  );
}
