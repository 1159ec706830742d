// One error class per failure a person can act on. The server maps `status`, `message` and `code` to {ok:false,error,code}.

import { ERROR_CODES, type ErrorCode } from './shared/errors.js';

/** The code a bare AppError gets from its status, for the places that throw one without a class of their own. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

/** "SessionNotFound" → "session_not_found": a subclass's machine code unless it names one; never a code not listed. */
function codeFromClassName(name: string): ErrorCode {
  const code = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (!(ERROR_CODES as readonly string[]).includes(code)) throw new Error(`Error class ${name} has no code in ERROR_CODES.`);
  return code as ErrorCode;
}

export class AppError extends Error {
  /** Stable machine code beside the message (clients branch on it; the message is for people and may change). */
  readonly code: ErrorCode;

  constructor(
    readonly status: number,
    message: string,
    code?: ErrorCode,
  ) {
    super(message);
    this.name = new.target.name;
    this.code = code ?? (new.target === AppError ? (CODE_BY_STATUS[status] ?? 'internal_error') : codeFromClassName(new.target.name));
  }
}

export class BadRequest extends AppError {
  constructor(message: string) {
    super(400, message);
  }
}

export class NotFound extends AppError {
  constructor(what: string) {
    super(404, `${what} was not found. It may have been deleted; reload the page to see the current list.`);
  }
}

export class SessionNotFound extends NotFound {
  constructor(readonly sessionRef: string) {
    super(`Session "${sessionRef}"`);
  }
}

export class QueueFull extends AppError {
  constructor(readonly limit: number) {
    super(409, `This session already has ${limit} queued prompts. Wait for Codex to take some, or delete a few.`);
  }
}

export class PromptNotEditable extends AppError {
  constructor(readonly state: string) {
    super(409, `This prompt was already handed to Codex (${state}), so it can no longer be changed or removed.`);
  }
}

export class Conflict extends AppError {
  constructor(message: string) {
    super(409, message);
  }
}

export class PayloadTooLarge extends AppError {
  constructor(limitBytes: number) {
    super(413, `The upload is larger than the ${Math.round(limitBytes / 1024 / 1024)} MB limit.`);
  }
}

export class Forbidden extends AppError {
  constructor(message: string) {
    super(403, message);
  }
}

export class Unauthorized extends AppError {
  constructor() {
    super(
      401,
      'Missing or wrong access token. Open the link printed by "npm start", or run "npx codex-pro-max open" in the Codex Pro Max folder for a new one.',
    );
  }
}

/** Drive mode needs the codex program and it is missing, broken or too old. */
export class CodexUnavailable extends AppError {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(424, `${problem} ${fix}`);
  }
}

/** Drive mode refuses to run `codex exec` for this session (attached in a terminal, not driven, …). */
export class DriveRefused extends AppError {
  constructor(message: string) {
    super(409, message);
  }
}

const RESTART = 'Restart Codex Pro Max (Ctrl+C in its terminal, then "npm start" in the Codex Pro Max folder)';
const KEPT = 'Anything you typed is still in your browser.';

/** The database file the server has open was deleted or replaced: writes would land in a file nobody can open again. */
export class DatabaseGone extends AppError {
  constructor(
    readonly path: string | null,
    readonly how: 'deleted' | 'replaced',
  ) {
    const file = path ?? 'codex-pro-max.sqlite3 in the data folder';
    super(
      503,
      how === 'deleted'
        ? `The database file ${file} was deleted while Codex Pro Max was running. Nothing more can be saved. ${RESTART} to create a new, empty one. ${KEPT}`
        : `The database file ${file} was replaced by another file while Codex Pro Max was running. Nothing more can be saved. ${RESTART} to open the file that is there now. ${KEPT}`,
    );
  }
}

/** SQLite cannot write the database: the file (or its folder, or the disk) is read-only for this user. */
export class DatabaseReadOnly extends AppError {
  constructor(readonly path: string | null = null) {
    super(
      503,
      `Codex Pro Max cannot save anything: its database${path ? ` ${path}` : ''} is read-only. ` +
        'Make the data folder and the files in it writable by the user who runs Codex Pro Max (they may belong to another user, ' +
        `for example after running it with sudo, or the disk may be mounted read-only), then restart Codex Pro Max. ${KEPT}`,
    );
  }
}

/** The disk reported an error while SQLite read or wrote the database. */
export class DatabaseIoError extends AppError {
  constructor(readonly sqliteCode: string) {
    super(
      503,
      `Codex Pro Max could not write its database: the disk reported an error (${sqliteCode}). ` +
        `Check that the disk holding the data folder is still there and healthy, then restart Codex Pro Max. ${KEPT}`,
    );
  }
}

/** No space left (or over quota) on the disk that holds the data folder. */
export class DiskFull extends AppError {
  constructor() {
    super(507, `The disk that holds Codex Pro Max's data folder is full, so this was not saved. Free some space and try again. ${KEPT}`);
  }
}

/** The attachments folder cannot be written (read-only disk, or files owned by another user). */
export class StorageNotWritable extends AppError {
  constructor(
    readonly path: string,
    readonly errno: string,
  ) {
    super(
      503,
      `Codex Pro Max cannot write to ${path} (${errno}): the folder is read-only or belongs to another user. ` +
        'Make it writable by the user who runs Codex Pro Max and try again.',
    );
  }
}

/** The session's thread is not one the Codex daemon has (or had) loaded. */
export class NotLive extends AppError {
  constructor() {
    super(409, 'This session is not a live Codex thread, so it cannot be steered or interrupted from here.');
  }
}

export class NoActiveTurn extends AppError {
  constructor() {
    super(409, 'Codex is not working on a turn in this session right now. Send a prompt instead.');
  }
}

/** Answered in the terminal or another tab first, or expired with the connection it came on. */
export class ApprovalClosed extends AppError {
  constructor(how: string) {
    super(409, how);
  }
}

/** The Codex daemon is not reachable now; `message` says how to bring it back. */
export class DaemonUnavailable extends AppError {
  constructor(message: string) {
    super(503, message);
  }
}
