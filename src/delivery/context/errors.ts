// The refusals of carrying context on, each with the figures that explain it.
import { AppError } from '../../errors.js';

/** The new session's first request would not fit the model's context window. */
export class ContextTooLarge extends AppError {
  constructor(
    readonly tokens: number,
    readonly contextWindow: number,
    estimated: boolean,
  ) {
    super(
      422,
      `This would send ${estimated ? 'about ' : ''}${tokens.toLocaleString('en-US')} tokens, more than the model's context window of ${contextWindow.toLocaleString('en-US')}. Lower the budget, pick fewer turns or sessions, use the groomed form, or shorten the prompt.`,
    );
  }
}

/** Codex did not produce a groomed document: its own explanation. */
export class GroomingFailed extends AppError {
  constructor(why: string) {
    super(502, `Codex could not condense the context: ${why}`);
  }
}
