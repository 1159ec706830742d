// Token-usage arithmetic, written once for drive mode, the store and the UI. Pure and shared, like checklist.ts,
// so the server's per-turn shares and the browser's running sum cannot drift apart. No I/O.
import type { TokenUsage } from './usage.js';

export const ZERO_USAGE: TokenUsage = Object.freeze({ inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0 });

/** Adds two figures field by field (cached and reasoning stay inside input and output, never added on top). */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningOutputTokens: a.reasoningOutputTokens + b.reasoningOutputTokens,
  };
}

/** Field by field, what `total` holds beyond `counted`, never below zero; any record of counts (usage, rollout tokens). */
export function countsDelta<T extends { [K in keyof T]: number }>(total: T, counted: T): T {
  const out = { ...total };
  for (const key of Object.keys(total) as (keyof T)[]) out[key] = Math.max(0, total[key] - counted[key]) as T[keyof T];
  return out;
}

/**
 * What `total` holds beyond `counted`: a running total reported after a turn, minus what earlier turns already
 * counted, is that turn's own share.
 */
export function usageDelta(total: TokenUsage, counted: TokenUsage): TokenUsage {
  return countsDelta(total, counted);
}

/** The sum of several figures; a missing one (a turn that never reported usage) counts as zero. */
export function sumUsage(figures: Iterable<TokenUsage | null | undefined>): TokenUsage {
  let sum = ZERO_USAGE;
  for (const u of figures) if (u) sum = addUsage(sum, u);
  return sum;
}
