// Where this session's context came from and where it was carried on, as links; kept current by context.carried pushes.
import { useCallback, useState } from 'react';
import type { ContextLinks } from '../../../src/shared/context.js';
import { usePushes } from '../lib/pushBus.js';
import { contextApi } from './api.js';
import './context.css';

const FORM_WORD = { verbatim: 'verbatim', groomed: 'groomed by Codex', fork: 'as a fork' } as const;

/** For a session of ours (`sessionId`) or a History thread (`threadId`). Renders nothing while there are no links. */
export function CarriedLinks(props: { sessionId: string } | { threadId: string }) {
  const query: { sessionId: string } | { threadId: string } =
    'sessionId' in props ? { sessionId: props.sessionId } : { threadId: props.threadId };
  const key = 'sessionId' in query ? query.sessionId : query.threadId;
  const kind = 'sessionId' in query ? 'sessionId' : 'threadId';
  const [links, setLinks] = useState<ContextLinks | null>(null);
  const load = useCallback(() => {
    contextApi.links(kind === 'sessionId' ? { sessionId: key } : { threadId: key }).then(setLinks, () => {});
  }, [kind, key]);
  usePushes(
    `carried:${key}`,
    (push) => {
      if (push.type !== 'context.carried') return;
      const l = push.link;
      if (l.sessionId === key || l.sources.some((s) => s.sessionId === key || s.threadId === key)) load();
    },
    load,
  );
  if (!links || (!links.carriedFrom && links.carriedOn.length === 0)) return null;
  return (
    <div className="carried-links" data-testid="carried-links">
      {links.carriedFrom && (
        <p>
          Carried on ({FORM_WORD[links.carriedFrom.form]}) from{' '}
          {links.carriedFrom.sources.map((s, i) => (
            <span key={`${s.sessionId ?? s.threadId}`}>
              {i > 0 && ', '}
              <a href={s.sessionId ? `#/s/${s.sessionId}` : `#/history/t/${s.threadId}`}>{s.title}</a>
            </span>
          ))}
        </p>
      )}
      {links.carriedOn.length > 0 && (
        <p>
          Carried on in{' '}
          {links.carriedOn.map((l, i) => (
            <span key={l.sessionId}>
              {i > 0 && ', '}
              <a href={`#/s/${l.sessionId}`}>{l.sessionTitle}</a>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
