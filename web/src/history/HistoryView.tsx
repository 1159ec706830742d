// History: every Codex session on this machine, grouped by project, with filters and full-text search. A chosen session
// or search hit opens its transcript (#/history/t/<threadId>[@offset]). Layout and wiring only; the model is in groups.ts.
import { useEffect, useMemo, useState } from 'react';
import {
  HISTORY_FIELDS,
  HISTORY_ORIGINATORS,
  type HistoryField,
  type HistoryOriginator,
  type HistoryProjectSummary,
} from '../../../src/shared/history.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { OpenSidebarButton } from '../components/OpenSidebarButton.js';
import { useSnapshot } from '../hooks/useSnapshot.js';
import { type HistoryFilters, historyApi, NO_FILTERS } from './api.js';
import { HistoryList } from './HistoryList.js';
import { IndexProgress } from './IndexProgress.js';
import { ORIGINATOR_LABEL } from './labels.js';
import type { HistoryRoute } from './route.js';
import { SearchResults } from './SearchResults.js';
import { TranscriptView } from './TranscriptView.js';
import { useHistoryList } from './useHistoryList.js';
import { useHistorySearch } from './useHistorySearch.js';
import './history.css';

const FIELD_CHIP: Record<HistoryField, string> = { prompts: 'Prompts', messages: 'Messages', commands: 'Commands', files: 'Files' };

interface Props {
  route: HistoryRoute;
  go: (route: HistoryRoute) => void;
  /** The sessions Codex Pro Max knows, for Watch and the Live chip. */
  sessions: Record<string, SessionSummary>;
  onOpenSidebar: () => void;
}

export function HistoryView({ route, go, sessions, onOpenSidebar }: Props) {
  const { snapshot: status } = useSnapshot('history-status', {
    initial: null,
    load: historyApi.status,
    select: (msg) => (msg.type === 'history.progress' ? msg.status : null),
    apply: (_s, next) => next,
  });
  const known = useMemo(() => new Map(Object.values(sessions).map((s) => [s.id as string, s])), [sessions]);
  if (route.view === 'transcript')
    return (
      <TranscriptView
        key={`${route.threadId}@${route.at}`}
        threadId={route.threadId}
        at={route.at}
        known={known}
        onBack={() => go({ view: 'list' })}
        onOpenSidebar={onOpenSidebar}
      />
    );
  return <HistoryBrowser status={status} known={known} go={go} onOpenSidebar={onOpenSidebar} />;
}

function HistoryBrowser({
  status,
  known,
  go,
  onOpenSidebar,
}: {
  status: Parameters<typeof IndexProgress>[0]['status'];
  known: Map<string, SessionSummary>;
  go: Props['go'];
  onOpenSidebar: () => void;
}) {
  const [q, setQ] = useState('');
  const [field, setField] = useState<HistoryField | null>(null);
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [showFilters, setShowFilters] = useState(false);
  const [projects, setProjects] = useState<HistoryProjectSummary[]>([]);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  const list = useHistoryList(filters);
  const search = useHistorySearch(q, field, filters);
  // The project filter's choices: every project, loaded with the list (and again when it reloads).
  useEffect(() => {
    if (list.groups && filters.project === null) setProjects(list.groups.map((g) => g.project));
  }, [list.groups, filters.project]);
  const searching = q.trim() !== '';
  const set = (patch: Partial<HistoryFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <section className="history-view" aria-label="History">
      <header className="history-header">
        <div className="history-title-row">
          <OpenSidebarButton onOpen={onOpenSidebar} />
          <h1 className="history-title">History</h1>
          <span className="muted history-count">
            {status ? `${status.sessions.toLocaleString('en-US')} sessions on this computer` : ''}
          </span>
        </div>
        <div className="history-search">
          <input
            type="search"
            placeholder='Search all sessions: words, prefix*, "a phrase"'
            aria-label="Search every session"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <button
            type="button"
            className={`button${showFilters || filtered ? ' active' : ''}`}
            aria-expanded={showFilters}
            onClick={() => setShowFilters((v) => !v)}
          >
            Filters{filtered ? ' •' : ''}
          </button>
        </div>
        <fieldset className="history-fields" aria-label="Search in">
          <button
            type="button"
            className={field === null ? 'chip on' : 'chip'}
            aria-pressed={field === null}
            onClick={() => setField(null)}
          >
            Everything
          </button>
          {HISTORY_FIELDS.map((f) => (
            <button
              key={f}
              type="button"
              className={field === f ? 'chip on' : 'chip'}
              aria-pressed={field === f}
              onClick={() => setField(f)}
            >
              {FIELD_CHIP[f]}
            </button>
          ))}
        </fieldset>
        {showFilters && (
          <div className="history-filters">
            <label>
              Project
              <select value={filters.project ?? ''} onChange={(e) => set({ project: e.target.value === '' ? null : e.target.value })}>
                <option value="">All projects</option>
                {projects.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.label || 'No folder'} ({p.sessions})
                  </option>
                ))}
              </select>
            </label>
            <label>
              From
              <input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
            </label>
            <label>
              To
              <input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
            </label>
            <label>
              Started from
              <select
                value={filters.originator ?? ''}
                onChange={(e) => set({ originator: e.target.value === '' ? null : (e.target.value as HistoryOriginator) })}
              >
                <option value="">Anywhere</option>
                {HISTORY_ORIGINATORS.map((o) => (
                  <option key={o} value={o}>
                    {ORIGINATOR_LABEL[o]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Archived
              <select value={filters.archived} onChange={(e) => set({ archived: e.target.value as HistoryFilters['archived'] })}>
                <option value="include">Included</option>
                <option value="exclude">Left out</option>
                <option value="only">Only archived</option>
              </select>
            </label>
            {filtered && (
              <button type="button" className="button" onClick={() => setFilters(NO_FILTERS)}>
                Clear filters
              </button>
            )}
          </div>
        )}
        <IndexProgress status={status} />
        {list.error && !searching && (
          <div className="banner error" role="alert">
            {list.error}
          </div>
        )}
      </header>
      {searching ? (
        <SearchResults search={search} now={now} onOpen={(hit) => go({ view: 'transcript', threadId: hit.threadId, at: hit.offset })} />
      ) : list.loaded && list.rows.length === 0 ? (
        <p className="history-empty muted">
          {filtered
            ? 'No session matches these filters.'
            : status?.state === 'ready'
              ? 'No Codex sessions were found on this computer yet.'
              : 'Sessions appear here as they are read.'}
        </p>
      ) : (
        <HistoryList
          rows={list.rows}
          known={known}
          now={now}
          onOpen={(threadId) => go({ view: 'transcript', threadId, at: null })}
          onToggle={list.toggle}
          onLoadMore={list.loadMore}
        />
      )}
    </section>
  );
}
