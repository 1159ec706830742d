// Token and rate-limit arithmetic from token_count events (protocol.rs TokenUsage, RateLimitSnapshot). Pure.
// Cached input is part of input and reasoning is part of output: they are shown, never added on top.
import type { RateLimitWindow, UsageSnapshot } from '../../shared/rollout.js';
import type { TokenUsage } from '../../shared/usage.js';
import { totalTokens, usageDelta, ZERO_USAGE } from '../../shared/usage-math.js';
import type { RateLimits, RawWindow, RolloutEvent, TokenInfo } from './event.js';
import { num, obj, str } from './records-text.js';

/** Codex's usage object → the one usage shape (its total_tokens is input + output, derived by totalTokens). */
export function parseCounts(value: unknown): TokenUsage | null {
  const u = obj(value);
  const input = num(u.input_tokens);
  const output = num(u.output_tokens);
  if (input === null && output === null && num(u.total_tokens) === null) return null;
  return {
    inputTokens: input ?? 0,
    cachedInputTokens: num(u.cached_input_tokens) ?? 0,
    outputTokens: output ?? 0,
    reasoningOutputTokens: num(u.reasoning_output_tokens) ?? 0,
  };
}

/** The tokens a usage object says the context holds: Codex's total_tokens, else input + output. */
function contextUsedOf(value: unknown): number | null {
  const counts = parseCounts(value);
  return counts && (num(obj(value).total_tokens) ?? totalTokens(counts));
}

export function parseTokenInfo(value: unknown): TokenInfo | null {
  if (!value || typeof value !== 'object') return null;
  const info = obj(value);
  return {
    total: parseCounts(info.total_token_usage),
    contextUsed: contextUsedOf(info.last_token_usage),
    contextWindow: num(info.model_context_window),
  };
}

function parseWindow(value: unknown): RawWindow | null {
  const w = obj(value);
  const used = num(w.used_percent) ?? num(w.usedPercent);
  if (used === null) return null;
  return {
    usedPercent: used,
    windowMinutes: num(w.window_minutes) ?? num(w.windowDurationMins),
    resetsAtSec: num(w.resets_at) ?? num(w.resetsAt),
    resetsInSec: num(w.resets_in_seconds),
  };
}

export function parseRateLimits(value: unknown): RateLimits | null {
  if (!value || typeof value !== 'object') return null;
  const r = obj(value);
  return {
    primary: parseWindow(r.primary),
    secondary: parseWindow(r.secondary),
    planType: str(r.plan_type),
    reachedType: str(r.rate_limit_reached_type),
  };
}

function windowOut(w: RawWindow, at: string | null): RateLimitWindow {
  const base = at ? Date.parse(at) : Number.NaN;
  const resetMs =
    w.resetsAtSec !== null ? w.resetsAtSec * 1000 : w.resetsInSec !== null && !Number.isNaN(base) ? base + w.resetsInSec * 1000 : null;
  return {
    usedPercent: w.usedPercent,
    windowMinutes: w.windowMinutes,
    resetsAtIso: resetMs === null ? null : new Date(resetMs).toISOString(),
  };
}

const NO_RATE: UsageSnapshot['rateLimits'] = { fiveHour: null, weekly: null, planType: null, reachedType: null };

function rateLimitsOut(r: RateLimits, at: string | null): UsageSnapshot['rateLimits'] {
  const out: UsageSnapshot['rateLimits'] = { fiveHour: null, weekly: null, planType: r.planType, reachedType: r.reachedType };
  for (const [w, slot] of [
    [r.primary, 'fiveHour'],
    [r.secondary, 'weekly'],
  ] as const) {
    if (!w) continue;
    // Trust the window length over the slot when Codex reports it (primary is 5 h, secondary a week today).
    const target = w.windowMinutes === null ? slot : w.windowMinutes <= 24 * 60 ? 'fiveHour' : 'weekly';
    out[target] = windowOut(w, at);
  }
  return out;
}

/** Folds usage-relevant events into the live figures. `apply` says whether the snapshot changed. */
export class UsageTracker {
  private total: TokenUsage | null = null;
  private contextUsed: number | null = null;
  private window: number | null = null;
  private baseline: TokenUsage | null = null;
  private lastTurn: TokenUsage | null = null;
  private rawRate: RateLimits | null = null;
  private rateAt: string | null = null;
  /** `rawRate` as shown, made on demand. */
  private rate: UsageSnapshot['rateLimits'] | null = null;
  private updatedAt: string | null = null;

  /** Sets the figures as they stood before the latest turn (found by a backward search). */
  seed(info: TokenInfo | null): void {
    if (!info) return;
    this.total = info.total;
    this.baseline = info.total;
    this.contextUsed = info.contextUsed;
    this.window = info.contextWindow ?? this.window;
  }

  /** A turn began: its tokens count from the thread total as it stands now. */
  startTurn(at: string | null): void {
    this.baseline = this.total;
    this.lastTurn = { ...ZERO_USAGE };
    this.updatedAt = at ?? this.updatedAt;
  }

  apply(ev: RolloutEvent): boolean {
    if (ev.kind === 'turn.start') {
      if (ev.contextWindow !== null) this.window = ev.contextWindow;
      return true;
    }
    if (ev.kind !== 'usage') return false;
    this.updatedAt = ev.at;
    if (ev.info) {
      if (ev.info.total) this.total = ev.info.total;
      if (ev.info.contextUsed !== null) this.contextUsed = ev.info.contextUsed;
      if (ev.info.contextWindow !== null) this.window = ev.info.contextWindow;
      if (this.total) this.lastTurn = usageDelta(this.total, this.baseline ?? ZERO_USAGE);
    }
    const r = ev.rateLimits;
    if (r && (r.primary || r.secondary)) {
      // Converted to dates only when a snapshot asks: a scan passes thousands of these and keeps the last.
      this.rawRate = r;
      this.rateAt = ev.at;
      this.rate = null;
    }
    return true;
  }

  snapshot(): UsageSnapshot {
    const used = this.contextUsed;
    const context =
      used === null ? null : { used, window: this.window, percent: this.window ? Math.round((used / this.window) * 1000) / 10 : null };
    this.rate ??= this.rawRate ? rateLimitsOut(this.rawRate, this.rateAt) : { ...NO_RATE };
    return { context, lastTurn: this.lastTurn, total: this.total, rateLimits: { ...this.rate }, updatedAtIso: this.updatedAt };
  }
}
