// The wait between two sweeps, as a table: file events heard → the safety net (or the full sweep when sooner); not
// heard (a platform without recursive watches, or events that missed a change) → the old quick timer.
import { describe, expect, it } from 'vitest';
import { afterEvent, eventsMissed, MIN_GAP_MS, nextWait, SETTLE_MS, type SweepState } from './sweep-wait.js';

const times = { quickMs: 400, safetyMs: 30_000, fullMs: 15_000 };
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
    ['heard, full sweep far away: the safety net', { lastFullAt: 0, now: 0 }, 15_000],
    ['heard, full sweep due in 5 s', { lastFullAt: 0, now: 10_000 }, 5_000],
    ['heard, full sweep overdue', { lastFullAt: 0, now: 20_000 }, 0],
    ['not heard: the quick timer', { heard: false }, 400],
    ['not heard, full sweep due sooner', { heard: false, lastFullAt: 0, now: 14_900 }, 100],
    ['an event came during the sweep', { pending: true }, SETTLE_MS],
    ['an event came, not heard otherwise', { heard: false, pending: true }, SETTLE_MS],
    ['an event came during a sweep that began 50 ms ago', { pending: true, lastStartAt: -50 }, MIN_GAP_MS - 50],
  ];
  it.each(cases)('%s', (_name, state, want) => {
    expect(nextWait(times, at(state))).toBe(want);
  });

  it('sleeps the safety net when it is shorter than the full sweep', () => {
    expect(nextWait({ ...times, fullMs: 600_000 }, at({}))).toBe(30_000);
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
