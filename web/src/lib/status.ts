// Plain-language labels for session statuses, shared by the sidebar and the session header.
import type { SessionStatus } from '../../../src/shared/schemas.js';

export const STATUS_LABEL: Record<SessionStatus, string> = {
  RUNNING: 'Running',
  WAITING_FOR_INSTRUCTION: 'Waiting for you',
  STOPPED: 'Stopped',
  ERROR: 'Error',
};

export const STATUS_CLASS: Record<SessionStatus, string> = {
  RUNNING: 'running',
  WAITING_FOR_INSTRUCTION: 'waiting',
  STOPPED: 'stopped',
  ERROR: 'error',
};
