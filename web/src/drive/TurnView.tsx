// One driven turn as a list of what Codex did: messages, reasoning, commands with output and exit code, file changes,
// MCP tool calls, web searches, todo lists and errors. Open while it runs; a finished or failed turn folds to one line.
// What codex exec --json leaves out (a command the sandbox blocked) comes from the rollout, via WorkContext.
import { useContext, useState } from 'react';
import type { DriveItem, DriveTurnWithEvents } from '../../../src/shared/drive.js';
import { WorkContext } from '../rollout/useEntryWork.js';
import { WorkFold } from '../rollout/WorkFold.js';
import { foldTurnEvents, formatUsage, type TurnRow } from './fold.js';

/** Which engine ran the turn, in words a newcomer follows. */
export const ENGINE_TEXT: Record<DriveTurnWithEvents['engine'], string> = {
  daemon: "Ran inside Codex's background service, where a terminal can open the same conversation.",
  exec: "Ran as a separate codex exec process (Codex's background service was not running).",
};

export const STATUS_TEXT: Record<DriveTurnWithEvents['status'], string> = {
  starting: 'Starting…',
  running: 'Running…',
  completed: 'Done',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

const firstLine = (text: string) => text.split('\n')[0]?.slice(0, 160) ?? '';

/** "Turn 3: <prompt's first line>", or for a failed turn the first line of why. */
export function turnHeadline(turn: DriveTurnWithEvents, number: number): string {
  if (turn.status === 'failed' && turn.error) return `Turn ${number}: ${firstLine(turn.error)}`;
  return `Turn ${number}: ${firstLine(turn.prompt)}`;
}

/** What the turn's newest item is, in a few words, for the folded strip ("$ npm test", "Thinking…"). */
export function doingNow(turn: DriveTurnWithEvents): string | null {
  const row = foldTurnEvents(turn.events).at(-1);
  if (!row || row.kind !== 'item') return null;
  const item = row.item;
  switch (item.type) {
    case 'command_execution':
      return `$ ${firstLine(item.command).slice(0, 80)}`;
    case 'file_change':
      return `Editing ${item.changes.map((c) => c.path.split('/').at(-1)).join(', ')}`;
    case 'reasoning':
      return 'Thinking…';
    case 'agent_message':
      return 'Writing…';
    case 'mcp_tool_call':
      return `Tool ${item.server}.${item.tool}`;
    case 'web_search':
      return `Searching “${item.query}”`;
    default:
      return null;
  }
}

export function TurnView({ turn, index }: { turn: DriveTurnWithEvents; index: number }) {
  const rows = foldTurnEvents(turn.events);
  const live = turn.status === 'running' || turn.status === 'starting';
  // Follows the turn (open while it runs) until the person opens or folds it themselves.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? live;
  const work = useContext(WorkContext).byPrompt.get(turn.promptId ?? '');
  const listed = rows.some((r) => r.kind === 'item' && (r.item.type === 'command_execution' || r.item.type === 'file_change'));
  // codex exec --json may report no item for a command or patch the sandbox refused (or report the command only as
  // failed); Codex's log has them and says they were blocked.
  const settled = !live && work ? work : null;
  const blockedWork = settled && {
    ...settled,
    commands: settled.commands.filter((c) => c.status === 'blocked'),
    files: settled.files.filter((f) => f.status === 'blocked'),
  };
  const blocked = (blockedWork?.commands.length ?? 0) + (blockedWork?.files.length ?? 0);
  const fromLog = settled && !listed && settled.commands.length + settled.files.length > 0 ? settled : blocked > 0 ? blockedWork : null;
  return (
    <details
      className={`drive-turn ${turn.status}`}
      open={open}
      onToggle={(e) => {
        const now = (e.currentTarget as HTMLDetailsElement).open;
        if (now !== open) setChosen(now);
      }}
    >
      <summary>
        <span className="drive-turn-title">
          Turn {index + 1}: {firstLine(turn.prompt).slice(0, 120)}
        </span>
        <span className={`drive-turn-status ${turn.status}`} title={ENGINE_TEXT[turn.engine]}>
          {STATUS_TEXT[turn.status]}
          {blocked > 0 ? ` · ${blocked} blocked` : ''}
        </span>
        {turn.status === 'failed' && (
          <span className="drive-turn-why">
            {turn.error ? firstLine(turn.error) : ''} <span className="drive-link">{open ? 'Hide details' : 'Show details'}</span>
          </span>
        )}
      </summary>
      {turn.images.length > 0 && <p className="drive-muted">Images: {turn.images.join(', ')}</p>}
      <ol className="drive-rows">
        {rows.map((row) => (
          <li key={row.key} className={`drive-row ${rowClass(row)}`}>
            <Row row={row} />
          </li>
        ))}
      </ol>
      {fromLog && <WorkFold work={fromLog} defaultOpen />}
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
