// Presence rules: whether a Codex is there to take this session's prompts, as one pure table. Delivery feeds it the
// facts it sees (calls, waits opening and ending, an MCP server saying its Codex ended); nothing here keeps time.
// Presence lives in memory only: after a restart every session is `unknown` until its Codex calls again.
import type { Presence } from '../shared/schemas.js';

export type PresenceEvent =
  | 'codex_called' // Codex attached, concluded or otherwise called in: it is alive and working
  | 'wait_parked' // a wait is open: Codex takes the next prompt as soon as it is queued
  | 'prompt_handed' // the waiting Codex took a prompt and works on it
  | 'stop_delivered' // Codex was told the session stopped, so it ends its loop
  | 'codex_exited' // the MCP server said its Codex ended (stdin closed, parent gone, signal)
  | 'wait_timed_out_quiet' // a wait ended by its bound and no new one opened within the grace period
  | 'wait_dropped_quiet'; // a wait's connection closed unanswered and no new one opened within the grace period

/** Presence after `event`. A bound that passes is no sign of leaving; a dropped connection and silence is. */
export function nextPresence(current: Presence, event: PresenceEvent): Presence {
  switch (event) {
    case 'codex_called':
    case 'prompt_handed':
      return 'connected';
    case 'wait_parked':
      return 'waiting';
    case 'stop_delivered':
    case 'codex_exited':
    case 'wait_dropped_quiet':
      return 'gone';
    case 'wait_timed_out_quiet':
      return current === 'waiting' ? 'connected' : current;
  }
}

/** Whether a prompt queued now reaches a Codex without anyone starting one. */
export function isPresent(presence: Presence): boolean {
  return presence === 'connected' || presence === 'waiting';
}

/** How long a wait that ended may go without a new one before it says something (the MCP client re-polls at once). */
export const PRESENCE_GRACE_MS = 3_000;

/** The status detail of a prompt queued while no Codex is there. */
export const QUEUED_NOT_CONNECTED = 'Queued — Codex is not connected; it gets this when it comes back.';
