// The open session lives in the URL hash (#/s/<id>) so reloads, back/forward and notification clicks open it.
import { useCallback, useEffect, useState } from 'react';
import type { SessionId } from '../../../src/shared/ids.js';

/** Reads the session id from a hash such as "#/s/<uuid>". */
export function sessionFromHash(hash: string): SessionId | null {
  const match = /^#\/s\/([0-9a-f-]{36})$/i.exec(hash);
  return match?.[1] ? (match[1].toLowerCase() as SessionId) : null;
}

export function useHashRoute(): { sessionId: SessionId | null; open: (id: SessionId | null) => void } {
  const [sessionId, setSessionId] = useState(() => sessionFromHash(location.hash));
  useEffect(() => {
    const onChange = () => setSessionId(sessionFromHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const open = useCallback((id: SessionId | null) => {
    const hash = id ? `#/s/${id}` : '';
    if (location.hash !== hash) {
      if (hash) location.hash = hash;
      else history.pushState(null, '', location.pathname + location.search);
    }
    setSessionId(id);
  }, []);
  return { sessionId, open };
}
