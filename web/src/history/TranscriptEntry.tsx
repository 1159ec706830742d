// One transcript item as a person reads it: prompts and messages as text, commands and file changes folded to one line
// that opens on a click, a turn's end with its tokens. Text is rendered as text (Markdown without raw HTML for messages).
import { memo } from 'react';
import type { TranscriptItem } from '../../../src/shared/transcript.js';
import { totalTokens } from '../../../src/shared/usage-math.js';
import { Markdown } from '../components/Markdown.js';
import { fullTime } from '../lib/time.js';
import { Diff } from '../live/Diff.js';
import { count } from './labels.js';

const CHANGE: Record<string, string> = { add: 'Added', update: 'Changed', delete: 'Deleted' };

function When({ at }: { at: string | null }) {
  return at ? <time dateTime={at}>{fullTime(at)}</time> : null;
}

export const TranscriptEntry = memo(function TranscriptEntry({ item, anchored }: { item: TranscriptItem; anchored: boolean }) {
  const cls = `t-item t-${item.kind}${anchored ? ' anchored' : ''}`;
  switch (item.kind) {
    case 'prompt':
      return (
        <article className={cls} data-offset={item.offset}>
          <div className="t-meta">
            <span className="t-author">{item.via === 'loop' ? 'You, through Codex Pro Max' : 'You'}</span>
            <When at={item.atIso} />
          </div>
          <div className="t-bubble">{item.text}</div>
        </article>
      );
    case 'message':
      return (
        <article className={cls} data-offset={item.offset}>
          <div className="t-meta">
            <span className="t-author">{item.conclusion ? 'Codex’s conclusion' : 'Codex'}</span>
            <When at={item.atIso} />
          </div>
          <Markdown text={item.text} />
        </article>
      );
    case 'command': {
      const how =
        item.status === 'blocked'
          ? 'blocked'
          : item.status === 'running'
            ? 'did not finish'
            : item.exitCode === null
              ? ''
              : `exit ${item.exitCode}`;
      return (
        <details className={cls} data-offset={item.offset}>
          <summary>
            <code className="t-cmd">$ {item.command || '(command)'}</code>
            {how && <span className={`t-status ${item.status}`}>{how}</span>}
          </summary>
          {item.output ? <pre className="t-output">{item.output}</pre> : <p className="muted">No output.</p>}
          {item.outputChars > item.output.length && (
            <p className="muted">Long output shortened; the export has all {count(item.outputChars)} characters.</p>
          )}
        </details>
      );
    }
    case 'files':
      return (
        <div className={cls} data-offset={item.offset}>
          {item.files.map((f) => (
            <details key={f.path} className="t-file">
              <summary>
                <span>{CHANGE[f.change] ?? f.change}</span> <code>{f.path}</code>
                {f.movePath && (
                  <>
                    {' → '}
                    <code>{f.movePath}</code>
                  </>
                )}
                {item.status !== 'applied' && (
                  <span className={`t-status ${item.status}`}>{item.status === 'blocked' ? 'blocked' : 'not applied'}</span>
                )}
              </summary>
              <Diff text={f.diff} label={f.path} />
            </details>
          ))}
        </div>
      );
    case 'tool':
      return item.detail ? (
        <details className={cls} data-offset={item.offset}>
          <summary>{item.text}</summary>
          <pre className="t-output">{item.detail}</pre>
        </details>
      ) : (
        <div className={cls} data-offset={item.offset}>
          {item.text}
        </div>
      );
    case 'turn':
      return (
        <div className={cls} data-offset={item.offset}>
          <span>
            {item.outcome === 'completed' ? 'Turn done' : item.outcome === 'failed' ? 'Turn failed' : 'Turn interrupted'}
            {item.error && item.outcome !== 'completed' ? `: ${item.error}` : ''}
            {item.tokens
              ? ` · ${count(totalTokens(item.tokens))} tokens (${count(item.tokens.inputTokens)} in, ${count(item.tokens.outputTokens)} out)`
              : ''}
          </span>
        </div>
      );
    case 'note':
      return (
        <p className={`${cls} muted`} data-offset={item.offset}>
          {item.text}
        </p>
      );
  }
});
