// The line at the end of the conversation that says it was stopped or interrupted, and what a prompt does now.
import type { SessionSummary } from '../../../src/shared/schemas.js';

/** What the marker says for a session as it is now, or null when it is neither stopped nor interrupted. */
export function markerFor(session: Pick<SessionSummary, 'status' | 'statusDetail' | 'kind'>): { label: string; text: string } | null {
  if (session.status !== 'STOPPED') return null;
  if (session.statusDetail?.startsWith('Interrupted')) {
    return { label: 'Interrupted', text: 'The Codex turn was interrupted. Send a prompt to continue in the same conversation.' };
  }
  return session.kind === 'driven'
    ? { label: 'Stopped', text: 'Codex Pro Max runs nothing more here until you send a prompt, which continues this conversation.' }
    : {
        label: 'Stopped',
        text: 'Codex was told to end the Codex Pro Max loop and answer in its terminal. A prompt you send now waits here until Codex comes back to this session.',
      };
}

export function SessionMarker({ session }: { session: SessionSummary }) {
  const marker = markerFor(session);
  if (!marker) return null;
  return (
    <p className="session-marker" role="note" data-marker={marker.label.toLowerCase()}>
      <strong>{marker.label}</strong> <span>{marker.text}</span>
    </p>
  );
}
