// The wait between two sweeps and when one is full, as tables: file events heard → the safety net, and a full sweep
// only every 10 minutes; not heard (a platform without recursive watches, a network file system, events that missed
// a change) → the old quick timer and a full sweep every 15 s.
import { describe, expect, it } from 'vitest';
import { afterEvent, eventsMissed, fullDue, MIN_GAP_MS, nextWait, SETTLE_MS, type SweepState } from './sweep-wait.js';

const times = { quickMs: 400, safetyMs: 30_000, fullMs: 15_000, watchedFullMs: 600_000 };
const at = (state: Partial<SweepState>): SweepState => ({
  heard: true,
  pending: false,
  lastFullAt: 0,
  lastStartAt: -10_000,
  now: 0,
  ...state,
});

describe('nextWait', () => {
  const cases: [string, Partial<SweepState>, number][] = [
    ['heard, full sweep far away: the safety net', { lastFullAt: 0, now: 0 }, 30_000],
    ['heard, 20 s after a full sweep: still the safety net', { lastFullAt: 0, now: 20_000 }, 30_000],
    ['heard, the watched full sweep due in 5 s', { lastFullAt: 0, now: 595_000 }, 5_000],
    ['heard, the watched full sweep overdue', { lastFullAt: 0, now: 700_000 }, 0],
    ['not heard: the quick timer', { heard: false }, 400],
    ['not heard, full sweep due sooner', { heard: false, lastFullAt: 0, now: 14_900 }, 100],
    ['not heard, full sweep overdue', { heard: false, lastFullAt: 0, now: 20_000 }, 0],
    ['an event came during the sweep', { pending: true }, SETTLE_MS],
    ['an event came, not heard otherwise', { heard: false, pending: true }, SETTLE_MS],
    ['an event came during a sweep that began 50 ms ago', { pending: true, lastStartAt: -50 }, MIN_GAP_MS - 50],
  ];
  it.each(cases)('%s', (_name, state, want) => {
    expect(nextWait(times, at(state))).toBe(want);
  });

  it('sleeps until the full sweep when it is sooner than the safety net', () => {
    expect(nextWait({ ...times, watchedFullMs: 10_000 }, at({}))).toBe(10_000);
  });
});

describe('fullDue', () => {
  const cases: [string, { heard: boolean; now: number }, boolean][] = [
    ['heard, 20 s after the last full sweep', { heard: true, now: 20_000 }, false],
    ['heard, 9 minutes after', { heard: true, now: 540_000 }, false],
    ['heard, 10 minutes after', { heard: true, now: 600_000 }, true],
    ['not heard (a network file system), 20 s after', { heard: false, now: 20_000 }, true],
    ['not heard, 10 s after', { heard: false, now: 10_000 }, false],
  ];
  it.each(cases)('%s', (_name, state, want) => {
    expect(fullDue(times, { ...state, lastFullAt: 0 })).toBe(want);
  });
});

describe('eventsMissed', () => {
  const cases: [string, Parameters<typeof eventsMissed>[0], boolean][] = [
    ['a change nobody announced, watched throughout', { watchedThrough: true, changed: true, heard: false }, true],
    ['a change an event announced', { watchedThrough: true, changed: true, heard: true }, false],
    ['nothing changed', { watchedThrough: true, changed: false, heard: false }, false],
    ['a change while not watched (a start, new homes, a watch that failed)', { watchedThrough: false, changed: true, heard: false }, false],
  ];
  it.each(cases)('%s', (_name, outcome, want) => {
    expect(eventsMissed(outcome)).toBe(want);
  });
});

describe('afterEvent', () => {
  it('waits for the burst to settle, and keeps event sweeps the quick timer apart', () => {
    expect(afterEvent(-10_000, 0)).toBe(SETTLE_MS);
    expect(afterEvent(0, 0)).toBe(MIN_GAP_MS);
    expect(afterEvent(0, 350)).toBe(SETTLE_MS);
  });
});
