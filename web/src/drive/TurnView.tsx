// One driven turn as a list of what Codex did: messages, reasoning, commands with output and exit code, file changes,
// MCP tool calls, web searches, todo lists and errors. Display only.
import type { DriveItem, DriveTurnWithEvents } from '../../../src/shared/drive.js';
import { foldTurnEvents, formatUsage, type TurnRow } from './fold.js';

const STATUS_TEXT: Record<DriveTurnWithEvents['status'], string> = {
  starting: 'Starting…',
  running: 'Running…',
  completed: 'Done',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

export function TurnView({ turn, index }: { turn: DriveTurnWithEvents; index: number }) {
  const rows = foldTurnEvents(turn.events);
  return (
    <details
      className={`drive-turn ${turn.status}`}
      open={turn.status === 'running' || turn.status === 'starting' || turn.status === 'failed'}
    >
      <summary>
        <span className="drive-turn-title">
          Turn {index + 1}: {turn.prompt.split('\n')[0]?.slice(0, 120)}
        </span>
        <span className={`drive-turn-status ${turn.status}`}>{STATUS_TEXT[turn.status]}</span>
      </summary>
      {turn.images.length > 0 && <p className="drive-muted">Images: {turn.images.join(', ')}</p>}
      <ol className="drive-rows">
        {rows.map((row) => (
          <li key={row.key} className={`drive-row ${rowClass(row)}`}>
            <Row row={row} />
          </li>
        ))}
      </ol>
      {turn.error && (
        <p className="drive-error" role="alert">
          {turn.error}
        </p>
      )}
      {turn.usage && <p className="drive-muted">Tokens: {formatUsage(turn.usage)}</p>}
    </details>
  );
}

function rowClass(row: TurnRow): string {
  if (row.kind === 'item') return row.item.type;
  return row.kind === 'note' ? `note ${row.tone}` : 'unknown';
}

function Row({ row }: { row: TurnRow }) {
  if (row.kind === 'note') return <span>{row.text}</span>;
  if (row.kind === 'unknown') {
    return (
      <details>
        <summary>Unrecognised Codex event “{row.type}”</summary>
        <pre>{JSON.stringify(row.raw, null, 2)}</pre>
      </details>
    );
  }
  return <Item item={row.item} live={row.phase !== 'completed'} />;
}

function Item({ item, live }: { item: DriveItem; live: boolean }) {
  switch (item.type) {
    case 'agent_message':
      return <div className="drive-message">{item.text}</div>;
    case 'reasoning':
      return <div className="drive-reasoning">{item.text}</div>;
    case 'plan':
      return <div className="drive-reasoning">Plan: {item.text}</div>;
    case 'command_execution':
      return (
        <div>
          <code className="drive-command">$ {item.command}</code>{' '}
          <span className="drive-muted">{live ? 'running…' : item.exitCode === null ? item.status : `exit ${item.exitCode}`}</span>
          {item.output && <pre className="drive-output">{item.output}</pre>}
        </div>
      );
    case 'file_change':
      return (
        <ul className="drive-files">
          {item.changes.map((c) => (
            <li key={`${c.kind}:${c.path}`}>
              <span className="drive-muted">{c.kind}</span> {c.path}
            </li>
          ))}
          {item.status === 'failed' && <li className="drive-error">The change was not applied.</li>}
        </ul>
      );
    case 'mcp_tool_call':
      return (
        <div>
          Tool <code>{`${item.server}.${item.tool}`}</code> <span className="drive-muted">{live ? 'running…' : item.status}</span>
          {item.error && <div className="drive-error">{item.error}</div>}
        </div>
      );
    case 'web_search':
      return <div>Web search: “{item.query}”</div>;
    case 'todo_list':
      return (
        <ul className="drive-todo">
          {item.items.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: todo items have no id and Codex replaces the list whole
            <li key={`${i}:${t.text}`}>
              <input type="checkbox" checked={t.completed} readOnly aria-label={t.text} /> {t.text}
            </li>
          ))}
        </ul>
      );
    case 'error':
      return <div className="drive-warning">{item.message}</div>;
    case 'other':
      return <div className="drive-muted">Codex item “{item.itemType}”</div>;
  }
}
