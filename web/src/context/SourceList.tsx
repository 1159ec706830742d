// The sessions whose context is carried on, each with an optional range of turns, and a way to add another session.
import { useEffect, useState } from 'react';
import type { ContextSource } from '../../../src/shared/context.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { api } from '../api.js';

export interface PickedSource {
  source: ContextSource;
  title: string;
}

interface Props {
  sources: PickedSource[];
  onChange: (sources: PickedSource[]) => void;
  /** A fork copies one thread: no adding then. */
  single: boolean;
}

const turnValue = (v: string) => (v.trim() && Number(v) >= 1 ? Math.floor(Number(v)) : undefined);

export function SourceList({ sources, onChange, single }: Props) {
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  useEffect(() => {
    api.listSessions().then(setSessions, () => setSessions([]));
  }, []);
  const taken = new Set(sources.map((s) => s.source.sessionId ?? s.source.threadId));
  const addable = sessions.filter((s) => s.threadId && !taken.has(s.id) && !taken.has(s.threadId));
  const update = (i: number, patch: Partial<ContextSource>) =>
    onChange(sources.map((s, j) => (j === i ? { ...s, source: { ...s.source, ...patch } } : s)));

  return (
    <fieldset className="carry-sources">
      <legend>Sessions to carry on</legend>
      <ol>
        {sources.map((s, i) => (
          <li key={s.source.sessionId ?? s.source.threadId}>
            <span className="carry-source-title">{s.title}</span>
            <label>
              turns from
              <input
                type="number"
                min={1}
                aria-label={`First turn of ${s.title}`}
                placeholder="first"
                value={s.source.fromTurn ?? ''}
                onChange={(e) => update(i, { fromTurn: turnValue(e.target.value) })}
              />
            </label>
            <label>
              to
              <input
                type="number"
                min={1}
                aria-label={`Last turn of ${s.title}`}
                placeholder="last"
                value={s.source.toTurn ?? ''}
                onChange={(e) => update(i, { toTurn: turnValue(e.target.value) })}
              />
            </label>
            {sources.length > 1 && (
              <button type="button" className="button small" onClick={() => onChange(sources.filter((_, j) => j !== i))}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      {!single && addable.length > 0 && (
        <label className="carry-add">
          Add a session
          <select
            value=""
            onChange={(e) => {
              const picked = addable.find((s) => s.id === e.target.value);
              if (picked) onChange([...sources, { source: { sessionId: picked.id }, title: picked.title }]);
            }}
          >
            <option value="">Choose…</option>
            {addable.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}
