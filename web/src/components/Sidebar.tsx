// The session list with a text filter, the connection state and the settings menu. On phones it is a drawer.
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { SessionId } from '../../../src/shared/ids.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import type { Connection } from '../hooks/useLiveState.js';
import { STATUS_LABEL } from '../lib/status.js';
import { IconX } from './icons.js';
import { SessionListItem } from './SessionListItem.js';

interface Props {
  sessions: SessionSummary[];
  selectedId: SessionId | null;
  connection: Connection;
  open: boolean;
  onClose: () => void;
  onSelect: (id: SessionId) => void;
  settings: ReactNode;
}

/** Case-insensitive match on title, status, thread id, working folder and the latest conclusion. */
export function matchesFilter(s: SessionSummary, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  if (!q) return true;
  return [s.title, STATUS_LABEL[s.status], s.threadId ?? '', s.cwd ?? '', s.latestConclusion ?? ''].some((v) =>
    v.toLowerCase().includes(q),
  );
}

const CONNECTION_LABEL: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Connected',
  reconnecting: 'Reconnecting…',
  'signed-out': 'Signed out',
};

export function Sidebar({ sessions, selectedId, connection, open, onClose, onSelect, settings }: Props) {
  const [filter, setFilter] = useState('');
  const [now, setNow] = useState(Date.now());
  // Relative times ("5 min ago") need a clock tick; this only re-renders labels, it fetches nothing.
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  const shown = useMemo(() => sessions.filter((s) => matchesFilter(s, filter)), [sessions, filter]);

  return (
    <>
      {open && <div className="drawer-backdrop only-narrow" onClick={onClose} aria-hidden="true" />}
      <nav className={open ? 'sidebar open' : 'sidebar'} aria-label="Sessions">
        <div className="brand">
          <span className="brand-name">Codex Pro Max</span>
          <span className={`connection ${connection}`} role="status">
            <span className="connection-dot" aria-hidden="true" />
            {CONNECTION_LABEL[connection]}
          </span>
          <button type="button" className="icon-button only-narrow" aria-label="Close the session list" onClick={onClose}>
            <IconX />
          </button>
        </div>
        <div className="filter">
          <input
            type="search"
            placeholder="Filter sessions"
            aria-label="Filter sessions"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
        <ul className="session-list">
          {shown.map((s) => (
            <SessionListItem key={s.id} session={s} selected={s.id === selectedId} now={now} onOpen={() => onSelect(s.id)} />
          ))}
        </ul>
        {sessions.length === 0 && (
          <p className="sidebar-empty">No sessions yet. Ask Codex to use Codex Pro Max and its session appears here.</p>
        )}
        {sessions.length > 0 && shown.length === 0 && <p className="sidebar-empty">No session matches “{filter}”.</p>}
        <div className="sidebar-footer">{settings}</div>
      </nav>
    </>
  );
}
