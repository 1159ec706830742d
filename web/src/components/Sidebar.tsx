// The session list with a text filter, the connection state and the settings menu. On phones it is a drawer.
// The list is virtualised: only the rows near the view are in the page, so thousands of sessions cost what a screenful does.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionId } from '../../../src/shared/ids.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import type { Connection } from '../hooks/useLiveState.js';
import { IconX } from './icons.js';
import { SessionListItem } from './SessionListItem.js';
import { SessionFilter } from './sidebarFilter.js';

interface Props {
  sessions: SessionSummary[];
  selectedId: SessionId | null;
  connection: Connection;
  open: boolean;
  onClose: () => void;
  onSelect: (id: SessionId) => void;
  settings: ReactNode;
}

/** A row's height before it is measured: title, one snippet line and the meta line. */
const ROW_ESTIMATE = 76;
const estimateRow = () => ROW_ESTIMATE;

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
  // The field shows each key at once; the list follows in a render React may interrupt for the next key.
  const deferredFilter = useDeferredValue(filter);
  const [matcher] = useState(() => new SessionFilter());
  const shown = useMemo(() => matcher.apply(sessions, deferredFilter), [matcher, sessions, deferredFilter]);
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualiser lays out every row again (5,000 keys looked up) whenever this function is a new one: keep it
  // while the rows are the same, so a keystroke the deferred list has not caught up with costs no layout of it.
  const rowKey = useCallback((i: number) => shown[i]?.id ?? i, [shown]);
  const rows = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: estimateRow,
    getItemKey: rowKey,
    overscan: 6,
  });
  const items = rows.getVirtualItems();

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
        <div className="session-list" ref={scroller}>
          <div className="session-rows" style={{ height: rows.getTotalSize() }}>
            <ul style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
              {items.map((item) => {
                const s = shown[item.index] as SessionSummary;
                return (
                  <SessionListItem
                    key={s.id}
                    session={s}
                    selected={s.id === selectedId}
                    now={now}
                    onOpen={onSelect}
                    index={item.index}
                    measure={rows.measureElement}
                  />
                );
              })}
            </ul>
          </div>
        </div>
        {sessions.length === 0 && (
          <p className="sidebar-empty only-narrow">No sessions yet. Ask Codex to use Codex Pro Max and its session appears here.</p>
        )}
        {sessions.length > 0 && shown.length === 0 && <p className="sidebar-empty">No session matches “{deferredFilter}”.</p>}
        <div className="sidebar-footer">{settings}</div>
      </nav>
    </>
  );
}
