// The ways a History request can fail that a person can act on.
import { AppError } from '../errors.js';

/** The index could not be opened (or the server is stopping); `reason` says why. */
export class HistoryUnavailable extends AppError {
  constructor(readonly reason: string | null) {
    super(503, reason ?? 'History is not available right now. Restart Codex Pro Max if this lasts.');
  }
}

export class HistorySessionNotFound extends AppError {
  constructor(readonly threadId: string) {
    super(404, `No Codex session with thread id "${threadId}" is in History. Its rollout may have been deleted or moved.`);
  }
}
