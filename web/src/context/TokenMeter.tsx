// How much the new session's first request would hold against the model's context window: the document (estimated
// for verbatim, from usage for groomed and forks) plus the estimate of the new prompt.
import type { ContextTokens } from '../../../src/shared/context.js';

const n = (v: number) => v.toLocaleString('en-US');

export function TokenMeter({ tokens, promptTokens }: { tokens: ContextTokens; promptTokens: number }) {
  const total = tokens.count + promptTokens;
  const window = tokens.contextWindow;
  const fits = window === null || total <= window;
  return (
    <p className={fits ? 'token-meter' : 'token-meter too-large'} data-testid="token-meter" role="status">
      {tokens.estimated ? 'About ' : ''}
      <strong>{n(total)}</strong> tokens
      {window !== null ? ` of the model's ${n(window)}-token context window` : ' (the context window is not known)'}
      {tokens.estimated ? ' (estimated: about 4 characters a token)' : ' (counted by Codex, plus your prompt estimated)'}.
      {!fits && ' It does not fit: lower the budget, pick fewer turns or sessions, or use the groomed form.'}
    </p>
  );
}
