// What the page says about whether a Codex is there to take a session's prompts (its `presence`), and the command
// that brings one back. Attached sessions only: for driven ones Codex Pro Max starts Codex itself.
import type { Presence, SessionSummary } from '../../../src/shared/schemas.js';

export const PRESENCE_LABEL: Record<Presence, string> = {
  connected: 'Codex connected',
  waiting: 'Codex waiting',
  gone: 'Codex not connected',
  unknown: 'Codex not heard from',
};

export const PRESENCE_TITLE: Record<Presence, string> = {
  connected: 'Codex is running in a terminal and working on this session.',
  waiting: 'Codex is waiting in a terminal: your next prompt reaches it at once.',
  gone: 'No Codex is connected to this session: prompts wait here until one comes back.',
  unknown: 'Codex has not been in touch since Codex Pro Max started.',
};

/** The presence worth showing: attached sessions whose Codex was heard from since the server started. */
export function shownPresence(session: SessionSummary): Presence | null {
  return session.kind === 'attached' && session.presence !== 'unknown' ? session.presence : null;
}

/**
 * No Codex takes this session's prompts until someone brings one back (or Codex Pro Max continues it). Unheard from
 * since a restart counts as away once a prompt waits, or when the session is stopped: Stop ended its Codex's loop, and
 * sending would otherwise promise a resume that nothing carries out.
 */
export function codexAway(session: SessionSummary): boolean {
  if (session.kind !== 'attached' || !session.threadId) return false;
  if (session.presence === 'gone') return true;
  return session.presence === 'unknown' && (session.queuedCount > 0 || session.status === 'STOPPED');
}

const BACK_PROMPT = 'Continue the Codex Pro Max loop: call wait_for_instruction for my next prompt.';

/** Terminal commands that resume the thread and start it waiting for prompts again (interactive, then unattended). */
export function resumeCommands(threadId: string): { interactive: string; exec: string } {
  return {
    interactive: `codex resume ${threadId} "${BACK_PROMPT}"`,
    exec: `codex exec resume ${threadId} "${BACK_PROMPT}"`,
  };
}
