// Token-usage arithmetic, written once for drive mode, the store and the UI. Pure and shared, like checklist.ts,
// so the server's per-turn shares and the browser's running sum cannot drift apart. No I/O.
import type { TokenUsage } from './usage.js';

export const ZERO_USAGE: TokenUsage = Object.freeze({ inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0 });

/**
 * All the tokens of a figure: input plus output (cached input and reasoning are inside them). Codex reports the same
 * number as total_tokens, so it is derived here rather than carried beside the four fields.
 */
export function totalTokens(u: TokenUsage): number {
  return u.inputTokens + u.outputTokens;
}

/** Input that was not served from cache: the part billed at the full rate. */
export function uncachedInput(u: TokenUsage): number {
  return Math.max(0, u.inputTokens - u.cachedInputTokens);
}

/** Adds two figures field by field (cached and reasoning stay inside input and output, never added on top). */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningOutputTokens: a.reasoningOutputTokens + b.reasoningOutputTokens,
  };
}

/**
 * What `total` holds beyond `counted`, field by field and never below zero: a running total reported after a turn
 * (drive mode's, or a rollout's thread total), minus what earlier turns already counted, is that turn's own share.
 */
export function usageDelta(total: TokenUsage, counted: TokenUsage): TokenUsage {
  return {
    inputTokens: Math.max(0, total.inputTokens - counted.inputTokens),
    cachedInputTokens: Math.max(0, total.cachedInputTokens - counted.cachedInputTokens),
    outputTokens: Math.max(0, total.outputTokens - counted.outputTokens),
    reasoningOutputTokens: Math.max(0, total.reasoningOutputTokens - counted.reasoningOutputTokens),
  };
}

/** The sum of several figures; a missing one (a turn that never reported usage) counts as zero. */
export function sumUsage(figures: Iterable<TokenUsage | null | undefined>): TokenUsage {
  let sum = ZERO_USAGE;
  for (const u of figures) if (u) sum = addUsage(sum, u);
  return sum;
}
