// The small "Codex connected / waiting / not connected" marker beside a session's status, in the header and sidebar.
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { PRESENCE_LABEL, PRESENCE_TITLE, shownPresence } from './presence.js';
import './presence.css';

export function PresenceBadge({ session }: { session: SessionSummary }) {
  const presence = shownPresence(session);
  if (!presence) return null;
  return (
    <span className={`presence-badge ${presence}`} data-presence={presence} title={PRESENCE_TITLE[presence]}>
      {PRESENCE_LABEL[presence]}
    </span>
  );
}
