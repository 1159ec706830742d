// How long the index worker waits between two sweeps, and when a sweep is a full one. Pure: the worker's loop applies
// it. With file events covering every home, an idle worker sleeps until one comes (or the safety net), and a full
// sweep is a rare check of the events; without them it sweeps on the short quick timer and the full timer, as it
// always did.

export interface SweepTimes {
  /** Pause between quick sweeps when file events are not heard (or not trusted). */
  quickMs: number;
  /** With file events, a quick sweep still runs at least this often (a safety net for a missed event). */
  safetyMs: number;
  /** Where file events are not heard (or not trusted), every this long a sweep lists every folder and stats every file. */
  fullMs: number;
  /**
   * Where they are, the full sweep runs only this often: the events already announce every append, new file and
   * deletion, so it only checks on them (a year of rollouts costs a readdir per folder and a stat per file).
   */
  watchedFullMs: number;
}

/** After a file event, the sweep waits this long, so a burst of Codex's writes is read by one sweep… */
export const SETTLE_MS = 100;
/** …and sweeps woken by events start at least this far apart, so a busy Codex costs no more than the old timer did. */
export const MIN_GAP_MS = 400;

/** The wait after a file event before the sweep that reads it. */
export function afterEvent(lastStartAt: number, now: number): number {
  return Math.max(SETTLE_MS, lastStartAt + MIN_GAP_MS - now);
}

export interface SweepState {
  /** Every home is watched and the events have not missed a change so far. */
  heard: boolean;
  /** A file event came while the last sweep ran (it may have been too late for it). */
  pending: boolean;
  lastFullAt: number;
  /** When the last sweep began. */
  lastStartAt: number;
  now: number;
}

/** How long after the last full sweep the next one is due. */
export function fullEvery(times: SweepTimes, heard: boolean): number {
  return heard ? times.watchedFullMs : times.fullMs;
}

/** Whether the sweep about to start is a full one. */
export function fullDue(times: SweepTimes, state: Pick<SweepState, 'heard' | 'lastFullAt' | 'now'>): boolean {
  return state.now - state.lastFullAt >= fullEvery(times, state.heard);
}

/** The wait before the next sweep, in ms. */
export function nextWait(times: SweepTimes, state: SweepState): number {
  if (state.pending) return afterEvent(state.lastStartAt, state.now);
  const untilFull = Math.max(0, state.lastFullAt + fullEvery(times, state.heard) - state.now);
  return Math.min(state.heard ? times.safetyMs : times.quickMs, untilFull);
}

export interface SweepOutcome {
  /** Every home was watched before this sweep and the one before it, and this sweep was not a start or new homes. */
  watchedThrough: boolean;
  /** The sweep changed the index. */
  changed: boolean;
  /** A file event came since the sweep before this one began. */
  heard: boolean;
}

/**
 * Whether the sweep found a change no file event announced: the events miss changes in these homes (a network file
 * system written from another machine), so from then on the quick timer rules.
 */
export function eventsMissed(o: SweepOutcome): boolean {
  return o.watchedThrough && o.changed && !o.heard;
}
