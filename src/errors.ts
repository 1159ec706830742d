// One error class per failure a person can act on. The server maps `status` and `message` to {ok:false,error}.

export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
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

export class InstructionNotEditable extends AppError {
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
    super(401, 'Missing or wrong access token. Open the link printed by "codex-pro-max start", or run "codex-pro-max open".');
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
