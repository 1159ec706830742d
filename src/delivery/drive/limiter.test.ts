import { describe, expect, it } from 'vitest';
import { maxTurnsFrom, TurnLimiter } from './limiter.js';

describe('maxTurnsFrom', () => {
  it.each([
    [undefined, 2],
    ['', 2],
    ['3', 3],
    ['1', 1],
    ['0', 2],
    ['-1', 2],
    ['2.5', 2],
    ['many', 2],
  ])('%s → %d', (raw, n) => expect(maxTurnsFrom(raw)).toBe(n));
});

describe('TurnLimiter', () => {
  it('grants up to max at once and the rest in arrival order', async () => {
    const limiter = new TurnLimiter(2);
    const order: string[] = [];
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const c = limiter.acquire().then((r) => {
      order.push('c');
      return r;
    });
    const d = limiter.acquire().then((r) => {
      order.push('d');
      return r;
    });
    expect(limiter.active).toBe(2);
    expect(limiter.queued).toBe(2);
    a();
    a(); // a second release of the same slot is ignored
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(limiter.active).toBe(2);
    b();
    (await d)();
    releaseC();
    expect(order).toEqual(['c', 'd']);
    expect(limiter.active).toBe(0);
  });

  it('an aborted wait leaves the line without taking a slot', async () => {
    const limiter = new TurnLimiter(1);
    const first = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeDefined();
    expect(limiter.queued).toBe(0);
    first();
    expect(limiter.active).toBe(0);
  });
});
