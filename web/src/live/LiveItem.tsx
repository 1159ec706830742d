// One item of a live turn, as the terminal shows it: prompts, agent messages (streaming), reasoning, commands with
// their output and exit code, file changes with diffs, MCP and web-search calls, plans and errors.
import { memo } from 'react';
import type { ActivityItem } from '../../../src/shared/rollout.js';
import { Markdown } from '../components/Markdown.js';
import { Diff } from './Diff.js';

const STATUS_WORD = { in_progress: 'running', completed: 'done', failed: 'failed', declined: 'declined' } as const;

function StatusWord({ status }: { status: keyof typeof STATUS_WORD | null }) {
  if (!status || status === 'completed') return null;
  return <span className={`live-item-status ${status}`}>{STATUS_WORD[status]}</span>;
}

function Output({ text }: { text: string }) {
  return text ? <pre className="live-output">{text}</pre> : null;
}

/** `streaming`: the item is the one text is flowing into now (its turn is still running). */
export const LiveItem = memo(function LiveItem({ item, streaming }: { item: ActivityItem; streaming: boolean }) {
  switch (item.kind) {
    case 'user':
      return (
        <div className="live-item live-user" data-kind="user">
          <span className="live-item-label">You</span>
          <Markdown text={item.text} softBreaks instant={streaming} />
        </div>
      );
    case 'message':
      return (
        <div className={streaming ? 'live-item live-message streaming' : 'live-item live-message'} data-kind="message">
          <Markdown text={item.text} instant={streaming} />
        </div>
      );
    case 'reasoning':
      return (
        <details className="live-item live-reasoning" data-kind="reasoning" open={streaming}>
          <summary>Thinking</summary>
          <p>{item.text}</p>
        </details>
      );
    case 'command': {
      const failed = item.status === 'failed' || (item.exitCode !== null && item.exitCode !== 0);
      return (
        <details
          className={failed ? 'live-item live-command failed' : 'live-item live-command'}
          data-kind="command"
          open={item.status === 'in_progress' || undefined}
        >
          <summary>
            <code className="live-command-text">$ {item.command}</code>
            {item.exitCode !== null && <span className={failed ? 'live-exit failed' : 'live-exit'}>exit {item.exitCode}</span>}
            <StatusWord status={item.status} />
          </summary>
          {item.cwd && <p className="live-cwd">in {item.cwd}</p>}
          <Output text={item.output} />
        </details>
      );
    }
    case 'file_change':
      return (
        <details className="live-item live-files" data-kind="file_change" open>
          <summary>
            {item.status === 'in_progress' ? 'Editing' : 'Edited'} {item.files.length === 1 ? '1 file' : `${item.files.length} files`}
            <StatusWord status={item.status} />
          </summary>
          {item.files.map((f) => (
            <div key={f.path} className="live-file">
              <p className="live-file-name">
                <code>{f.movePath ? `${f.path} → ${f.movePath}` : f.path}</code> <span className="muted">{f.change}</span>
              </p>
              <Diff text={f.diff} label={`Changes to ${f.path}`} />
            </div>
          ))}
        </details>
      );
    case 'mcp':
      return (
        <details className={item.error ? 'live-item live-tool failed' : 'live-item live-tool'} data-kind="mcp">
          <summary>
            Tool{' '}
            <code>
              {item.server}.{item.tool}
            </code>
            <StatusWord status={item.status} />
          </summary>
          <Output text={item.arguments} />
          <Output text={item.error ?? item.result} />
        </details>
      );
    case 'tool':
      return (
        <details className="live-item live-tool" data-kind="tool">
          <summary>
            Tool <code>{item.name}</code>
          </summary>
          <Output text={item.input} />
          <Output text={item.output ?? ''} />
        </details>
      );
    case 'web_search':
      return (
        <div className="live-item live-note" data-kind="web_search">
          Searched the web for <q>{item.query}</q>
        </div>
      );
    case 'plan':
      return (
        <div className="live-item live-plan" data-kind="plan">
          <span className="live-item-label">Plan</span>
          {item.explanation && <p>{item.explanation}</p>}
          <ol>
            {item.steps.map((s) => (
              <li key={s.step} className={`plan-${s.status}`}>
                <span aria-hidden="true">{s.status === 'completed' ? '✓' : s.status === 'in_progress' ? '▸' : '○'}</span> {s.step}
              </li>
            ))}
          </ol>
        </div>
      );
    case 'task':
      return (
        <div
          className={item.event === 'error' || item.event === 'failed' ? 'live-item live-note failed' : 'live-item live-note'}
          data-kind="task"
        >
          {TASK_WORDS[item.event]}
          {item.text ? `: ${item.text}` : ''}
        </div>
      );
  }
});

const TASK_WORDS = {
  started: 'Turn started',
  completed: 'Turn finished',
  failed: 'Turn failed',
  aborted: 'Turn interrupted',
  compacted: 'Context compacted',
  error: 'Error',
} as const;
