// Usage arithmetic: cached input is part of input, reasoning part of output; turn deltas; rate-limit windows.
import { describe, expect, it } from 'vitest';
import { totalTokens, uncachedInput } from '../../shared/usage-math.js';
import type { RolloutEvent } from './event.js';
import { parseCounts, parseRateLimits, parseTokenInfo, UsageTracker } from './usage.js';

const u = (input: number, cached: number, output: number, reasoning: number) => ({
  input_tokens: input,
  cached_input_tokens: cached,
  output_tokens: output,
  reasoning_output_tokens: reasoning,
  total_tokens: input + output,
});
const usage = (total: object, last: object, at = '2026-01-01T00:00:00.000Z', rate: unknown = null): RolloutEvent => ({
  kind: 'usage',
  info: parseTokenInfo({ total_token_usage: total, last_token_usage: last, model_context_window: 200000 }),
  rateLimits: parseRateLimits(rate),
  at,
  offset: 0,
});

describe('token arithmetic', () => {
  it('never adds cached input or reasoning on top', () => {
    const c = parseCounts(u(1200, 800, 300, 120));
    expect(c).toEqual({ inputTokens: 1200, cachedInputTokens: 800, outputTokens: 300, reasoningOutputTokens: 120 });
    expect(c && totalTokens(c)).toBe(1500);
    expect(c && uncachedInput(c)).toBe(400);
    // Without total_tokens, total is input + output (not + cached, not + reasoning).
    const bare = parseCounts({ input_tokens: 10, cached_input_tokens: 5, output_tokens: 3, reasoning_output_tokens: 2 });
    expect(bare && totalTokens(bare)).toBe(13);
  });

  it('context = last call total / window; last turn = total minus the total at turn start', () => {
    const t = new UsageTracker();
    t.apply(usage(u(1000, 0, 100, 0), u(1000, 0, 100, 0)));
    t.startTurn('2026-01-01T00:01:00.000Z');
    t.apply(usage(u(2200, 900, 150, 20), u(1200, 900, 50, 20)));
    t.apply(usage(u(3500, 2000, 230, 20), u(1300, 1100, 80, 0)));
    const s = t.snapshot();
    expect(s.context).toEqual({ used: 1380, window: 200000, percent: 0.7 });
    expect(s.total).toEqual({ inputTokens: 3500, cachedInputTokens: 2000, outputTokens: 230, reasoningOutputTokens: 20 });
    expect(s.total && totalTokens(s.total)).toBe(3730);
    expect(s.lastTurn).toEqual({ inputTokens: 2500, cachedInputTokens: 2000, outputTokens: 130, reasoningOutputTokens: 20 });
    expect(s.lastTurn && totalTokens(s.lastTurn)).toBe(2630);
  });

  it("context after a compaction is Codex's own estimate, reported with zero input and output", () => {
    const t = new UsageTracker();
    t.apply(usage(u(9400, 100, 540, 0), u(1000, 0, 40, 0)));
    t.apply(usage(u(9400, 100, 540, 0), { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, total_tokens: 1475 }));
    expect(t.snapshot().context).toEqual({ used: 1475, window: 200000, percent: 0.7 });
  });

  it('keeps rate limits from token_count events whose info is null, with absolute or relative reset times', () => {
    const t = new UsageTracker();
    t.apply({
      kind: 'usage',
      info: null,
      rateLimits: parseRateLimits({
        primary: { used_percent: 12.5, window_minutes: 300, resets_in_seconds: 3600 },
        secondary: { used_percent: 40, window_minutes: 10080, resets_at: 1800000000 },
        plan_type: 'pro',
      }),
      at: '2026-01-01T00:00:00.000Z',
      offset: 0,
    });
    const r = t.snapshot().rateLimits;
    expect(r.fiveHour).toEqual({ usedPercent: 12.5, windowMinutes: 300, resetsAtIso: '2026-01-01T01:00:00.000Z' });
    expect(r.weekly).toEqual({ usedPercent: 40, windowMinutes: 10080, resetsAtIso: new Date(1800000000 * 1000).toISOString() });
    expect(r.planType).toBe('pro');
    // A weekly window reported as primary still lands in the weekly slot.
    t.apply({
      kind: 'usage',
      info: null,
      rateLimits: parseRateLimits({ primary: { used_percent: 5, window_minutes: 10080 } }),
      at: null,
      offset: 0,
    });
    expect(t.snapshot().rateLimits).toMatchObject({ fiveHour: null, weekly: { usedPercent: 5 } });
  });
});
