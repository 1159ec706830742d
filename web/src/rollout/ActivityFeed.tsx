// What Codex is doing in the latest turn: reasoning, commands with exit codes and output, file diffs, MCP
// calls, web searches, plans and messages. Compact and collapsible (folded on phones); shown while the session runs.
// In the MCP loop the whole loop is one turn, so only what came after the last loop call (the hand-off) is shown.
import { useState } from 'react';
import type { ActivityItem, ActivitySnapshot } from '../../../src/shared/rollout.js';
import { useMediaQuery } from '../hooks/useMediaQuery.js';
import './rollout.css';

function Detail({ text }: { text: string }) {
  return text ? <pre className="activity-detail">{text}</pre> : null;
}

function Row({ item }: { item: ActivityItem }) {
  switch (item.kind) {
    case 'command':
      return (
        <details className={item.exitCode ? 'activity-row failed' : 'activity-row'}>
          <summary>
            $ {item.command} {item.exitCode !== null && <span className="usage-muted">exit {item.exitCode}</span>}
          </summary>
          <Detail text={item.output} />
        </details>
      );
    case 'file_change':
      return (
        <details className="activity-row">
          <summary>Edited {item.files.map((f) => `${f.path.split('/').at(-1)} (${f.change})`).join(', ')}</summary>
          {item.files.map((f) => (
            <Detail key={f.path} text={`${f.path}\n${f.diff}`} />
          ))}
        </details>
      );
    case 'mcp':
      return (
        <details className={item.error ? 'activity-row failed' : 'activity-row'}>
          <summary>
            MCP {item.server}.{item.tool}
          </summary>
          <Detail text={`${item.arguments}\n→ ${item.error ?? item.result}`} />
        </details>
      );
    case 'tool':
      return (
        <details className="activity-row">
          <summary>Tool {item.name}</summary>
          <Detail text={`${item.input}\n→ ${item.output ?? ''}`} />
        </details>
      );
    case 'web_search':
      return <div className="activity-row">Searched the web: {item.query}</div>;
    case 'plan':
      return (
        <div className="activity-row">
          Plan{item.explanation ? `: ${item.explanation}` : ''}
          <ul>
            {item.steps.map((s) => (
              <li key={s.step}>
                {s.status === 'completed' ? '☑' : '☐'} {s.step} <span className="usage-muted">{s.status}</span>
              </li>
            ))}
          </ul>
        </div>
      );
    case 'task':
      return (
        <div className="activity-row usage-muted">
          Turn {item.event}
          {item.text ? `: ${item.text}` : ''}
        </div>
      );
    case 'reasoning':
      return <div className="activity-row activity-reasoning">{item.text}</div>;
    default:
      return <div className={`activity-row activity-${item.kind}`}>{item.text}</div>;
  }
}

/** The MCP server `codex-pro-max setup` registers; its calls are the loop's hand-offs, not work. */
const LOOP_SERVER = 'codex_pro_max';

/** The items since the newest loop call, and whether any were cut. */
export function sinceHandOff(items: ActivityItem[]): { items: ActivityItem[]; cut: boolean } {
  let last = -1;
  items.forEach((item, i) => {
    if (item.kind === 'mcp' && item.server === LOOP_SERVER) last = i;
  });
  return last === -1 ? { items, cut: false } : { items: items.slice(last + 1), cut: true };
}

export function ActivityFeed({ activity }: { activity: ActivitySnapshot }) {
  const phone = useMediaQuery('(max-width: 640px)');
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? !phone;
  const { items, cut } = sinceHandOff(activity.items);
  if (!activity.turn || items.length === 0) return null;
  return (
    <section className="activity-feed" aria-label="Codex activity">
      <button type="button" className="activity-toggle" aria-expanded={open} onClick={() => setChosen(!open)}>
        {open ? '▾' : '▸'} Activity · {cut ? 'since the last prompt' : 'latest turn'} ({activity.turn.state},{' '}
        {items.length === 1 ? '1 item' : `${items.length} items`})
      </button>
      {open && (
        <div className="activity-list">
          {items.map((item) => (
            <Row key={item.id} item={item} />
          ))}
        </div>
      )}
    </section>
  );
}
