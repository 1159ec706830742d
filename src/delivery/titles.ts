// Which name a session shows, as one pure table like the status rules: a name the person gave beats one Codex gave,
// which beats one taken from the first prompt, which beats one taken from a conclusion, which beats the default.
import type { SessionSummary } from '../shared/schemas.js';

export type TitleSource = SessionSummary['titleSource'];

/** For each offered source, the current sources it replaces. */
const REPLACES: Record<TitleSource, readonly TitleSource[]> = {
  user: ['default', 'conclusion', 'prompt', 'codex', 'user'],
  codex: ['default', 'conclusion', 'prompt', 'codex'],
  prompt: ['default', 'conclusion'],
  conclusion: ['default'],
  default: [],
};

/** True when a title from `offered` should replace the one the session has from `current`. */
export function titleWins(current: TitleSource, offered: TitleSource): boolean {
  return REPLACES[offered].includes(current);
}
