// The hand-off to a terminal for a session Codex Pro Max runs (drive mode, or a thread it started in the daemon): the
// command that opens the same thread in the Codex TUI, with a copy button.
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { CopyButton } from './CopyButton.js';

/** Sessions Codex Pro Max itself runs; a terminal session already has its terminal. */
function runHere(session: SessionSummary): boolean {
  return session.kind === 'driven' || session.live?.originator === 'codex-pro-max';
}

export function OpenInTerminal({ session }: { session: SessionSummary }) {
  if (!session.threadId || !runHere(session)) return null;
  const command = `codex resume ${session.threadId}`;
  return (
    <p className="open-in-terminal">
      Open in a terminal: <code>{command}</code> <CopyButton text={command} label="Copy the command" />
    </p>
  );
}
