// Session status rules as one pure function, so every transition is in a table the tests can read.
import type { SessionStatus } from '../shared/schemas.js';

export type StatusEvent =
  | 'codex_attached' // Codex created or resumed the session by thread id
  | 'conclusion' // Codex handed back a conclusion
  | 'waiting' // Codex is blocked in wait with nothing queued
  | 'prompt_handed' // Codex received a prompt
  | 'prompt_queued' // the person queued a prompt
  | 'prompt_queued_unheard' // the person queued a prompt while no Codex is there to take it (see presence.ts)
  | 'stop' // the person stopped the session
  | 'turn_started' // drive mode started a codex exec turn
  | 'turn_completed' // drive mode turn ended well
  | 'failed'; // drive mode turn failed or Codex reported an error

/** The status after `event`; STOPPED holds until the person resumes it or Codex attaches again. */
export function nextStatus(current: SessionStatus, event: StatusEvent): SessionStatus {
  switch (event) {
    case 'codex_attached':
    case 'prompt_handed':
    case 'turn_started':
      return 'RUNNING';
    case 'conclusion':
    case 'waiting':
      return current === 'STOPPED' ? 'STOPPED' : 'WAITING_FOR_INSTRUCTION';
    case 'prompt_queued':
      return current === 'STOPPED' ? 'RUNNING' : current;
    case 'prompt_queued_unheard':
      return current;
    case 'stop':
      return 'STOPPED';
    case 'turn_completed':
      return current === 'STOPPED' ? 'STOPPED' : 'WAITING_FOR_INSTRUCTION';
    case 'failed':
      return 'ERROR';
  }
}
