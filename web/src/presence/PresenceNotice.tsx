// Shown while no Codex takes this session's prompts: says so plainly, gives the command that brings Codex back, and
// offers to continue the conversation here (a drive-mode turn on the same thread runs the queued prompt).
import { useState } from 'react';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { CopyButton } from '../components/CopyButton.js';
import { useToast } from '../components/Toasts.js';
import { driveApi } from '../drive/api.js';
import { codexAway, resumeCommands } from './presence.js';
import './presence.css';

export function PresenceNotice({ session }: { session: SessionSummary }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (!codexAway(session) || !session.threadId) return null;
  const queued = session.queuedCount;
  const commands = resumeCommands(session.threadId);

  const continueHere = async () => {
    setBusy(true);
    try {
      await driveApi.continueHere(session.id);
    } catch (error) {
      toast(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="presence-notice" aria-label="Codex is not connected">
      <p className="presence-notice-head" role="status">
        {queued > 0
          ? `Queued — Codex is not connected; it gets ${queued === 1 ? 'this prompt' : `these ${queued} prompts`} when it comes back.`
          : 'Codex is not connected. Prompts you send wait here until it comes back.'}
      </p>
      <p>To bring it back, run this in a terminal, in the project's folder:</p>
      <div className="presence-command">
        <code>{commands.interactive}</code>
        <CopyButton text={commands.interactive} label="Copy the command" />
      </div>
      <details>
        <summary>Without the interactive screen</summary>
        <div className="presence-command">
          <code>{commands.exec}</code>
          <CopyButton text={commands.exec} label="Copy the exec command" />
        </div>
      </details>
      <div className="presence-continue">
        <button type="button" className="button primary small" disabled={busy || queued === 0} onClick={() => void continueHere()}>
          Continue here
        </button>
        <span>
          {queued > 0
            ? 'Or let Codex Pro Max run the queued prompt on this same conversation now; the session then runs from here.'
            : 'Or send a prompt and let Codex Pro Max continue this conversation here.'}
        </span>
      </div>
    </section>
  );
}
