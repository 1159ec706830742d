// The ways a call to the Codex app-server fails, one class each, with the fields that explain it. No I/O.

/** The daemon answered a request with a JSON-RPC error (e.g. -32600 "no rollout found for thread id …"). */
export class AppServerError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'AppServerError';
  }
}

/** No answer within the deadline; the request may still run on the daemon. */
export class AppServerTimeout extends Error {
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`Codex app-server did not answer ${method} within ${timeoutMs} ms.`);
    this.name = 'AppServerTimeout';
  }
}

/** The connection was not open, or dropped before the answer came; whether the request ran is unknown. */
export class AppServerDisconnected extends Error {
  constructor(
    readonly method: string,
    readonly reason: string,
  ) {
    super(`Codex app-server connection is not open (${reason}); ${method} was not answered.`);
    this.name = 'AppServerDisconnected';
  }
}

/** The daemon answered, but not in the shape this client relies on (a Codex version we do not understand). */
export class AppServerBadResponse extends Error {
  constructor(
    readonly method: string,
    readonly issues: string,
  ) {
    super(`Codex app-server answered ${method} in an unexpected shape: ${issues}`);
    this.name = 'AppServerBadResponse';
  }
}

/**
 * True for the daemon's answer to `thread/resume` or `thread/turns/list` on a thread whose rollout file is not written
 * yet (before its first turn). Right after a thread/start, Codex (0.169 and 0.171) can say "list_turns is not
 * supported yet" instead.
 */
export function isNoRolloutYet(error: unknown): boolean {
  return error instanceof AppServerError && /no rollout found|list_turns is not supported yet/i.test(error.message);
}

/**
 * True for the daemon's refusal to page an ephemeral thread (one Codex keeps only in memory, never in a rollout): it
 * has no history to read, by `thread/turns/list` or by `thread/read {includeTurns: true}`.
 */
export function isEphemeralHistory(error: unknown): boolean {
  return error instanceof AppServerError && /ephemeral threads do not support/i.test(error.message);
}
