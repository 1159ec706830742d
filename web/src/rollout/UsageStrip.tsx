// One line of live usage under the session header: context use, last turn and total tokens (cached shown
// as part of input, reasoning as part of output), and the 5-hour and weekly rate-limit windows.
import type { RateLimitWindow, UsageSnapshot } from '../../../src/shared/rollout.js';
import type { TokenUsage } from '../../../src/shared/usage.js';
import { totalTokens } from '../../../src/shared/usage-math.js';
import { compact } from './model.js';
import './rollout.css';

function tokens(label: string, c: TokenUsage | null) {
  const total = c ? totalTokens(c) : 0;
  // A turn that has not reported tokens yet shows nothing rather than a row of zeros.
  if (!c || total === 0) return null;
  return (
    <span
      className="usage-item"
      title={`${c.inputTokens} input (${c.cachedInputTokens} of them cached) + ${c.outputTokens} output (${c.reasoningOutputTokens} of them reasoning) = ${total}`}
    >
      {label} {compact(total)}{' '}
      <span className="usage-muted">
        ({compact(c.inputTokens)} in, {compact(c.cachedInputTokens)} cached · {compact(c.outputTokens)} out)
      </span>
    </span>
  );
}

function limit(label: string, w: RateLimitWindow | null) {
  if (!w) return null;
  const reset = w.resetsAtIso ? new Date(w.resetsAtIso).toLocaleString() : 'unknown';
  return (
    <span className="usage-item" title={`Resets ${reset}`}>
      {label} {Math.round(w.usedPercent)}% <span className="usage-muted">(resets {reset})</span>
    </span>
  );
}

export function UsageStrip({ usage, note }: { usage: UsageSnapshot | null; note: string | null }) {
  // The note can be a long explanation; one line of it is enough under the header, the rest is in its tooltip.
  if (!usage)
    return note ? (
      <p className="usage-strip usage-note usage-muted" title={note}>
        {note}
      </p>
    ) : null;
  const ctx = usage.context;
  return (
    <section className="usage-strip" aria-label="Token usage">
      {ctx && (
        <span className="usage-item">
          Context {compact(ctx.used)}
          {ctx.window ? ` / ${compact(ctx.window)}` : ''}
          {ctx.percent !== null && <meter min={0} max={100} value={ctx.percent} title={`${ctx.percent}% of the context window`} />}
          {ctx.percent !== null ? ` ${ctx.percent}%` : ''}
        </span>
      )}
      {tokens('Last turn', usage.lastTurn)}
      {tokens('Total', usage.total)}
      {limit('5 h', usage.rateLimits.fiveHour)}
      {limit('Week', usage.rateLimits.weekly)}
    </section>
  );
}
