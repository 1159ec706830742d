import { describe, expect, it } from 'vitest';
import type { TokenUsage } from './usage.js';
import { addUsage, sumUsage, usageDelta, ZERO_USAGE } from './usage-math.js';

const u = (inputTokens: number, cachedInputTokens: number, outputTokens: number, reasoningOutputTokens: number): TokenUsage => ({
  inputTokens,
  cachedInputTokens,
  outputTokens,
  reasoningOutputTokens,
});

describe('usage arithmetic', () => {
  it('adds turns without counting cached or reasoning twice', () => {
    const t = { inputTokens: 300, cachedInputTokens: 100, outputTokens: 50, reasoningOutputTokens: 20 };
    expect(addUsage(addUsage(ZERO_USAGE, t), t)).toEqual({
      inputTokens: 600,
      cachedInputTokens: 200,
      outputTokens: 100,
      reasoningOutputTokens: 40,
    });
  });

  it.each([
    ['a running total minus what was counted', u(900, 500, 80, 30), u(600, 300, 50, 10), u(300, 200, 30, 20)],
    ['nothing counted yet', u(10, 4, 3, 1), ZERO_USAGE, u(10, 4, 3, 1)],
    ['never below zero, field by field', u(100, 10, 5, 0), u(150, 5, 9, 2), u(0, 5, 0, 0)],
  ])('delta: %s', (_name, total, counted, share) => {
    expect(usageDelta(total, counted)).toEqual(share);
  });

  it('sums figures, a missing one as zero, and the empty sum is zero', () => {
    expect(sumUsage([u(1, 0, 2, 0), null, u(10, 4, 3, 1), undefined])).toEqual(u(11, 4, 5, 1));
    expect(sumUsage([])).toEqual(ZERO_USAGE);
  });

  it('a share added back to what was counted gives the total again', () => {
    const total = u(900, 500, 80, 30);
    const counted = sumUsage([u(200, 100, 20, 5), u(400, 200, 30, 5)]);
    expect(addUsage(counted, usageDelta(total, counted))).toEqual(total);
  });

  it('never changes its arguments or the zero', () => {
    const a = u(1, 1, 1, 1);
    addUsage(a, a);
    usageDelta(a, a);
    expect(a).toEqual(u(1, 1, 1, 1));
    expect(ZERO_USAGE).toEqual(u(0, 0, 0, 0));
    expect(Object.isFrozen(ZERO_USAGE)).toBe(true);
  });
});
