// Messages between HistoryService (the server's thread) and the index worker. Types only.
import type { HistoryStatus } from '../shared/history.js';

export interface WorkerOptions {
  file: string;
  homes: string[];
  /** Pause between quick sweeps (new and recently written files) where file events are not heard. */
  quickMs: number;
  /** Where file events are heard, a quick sweep runs after each (and at least this often, as a safety net). */
  safetyMs?: number;
  /** Where file events are not heard, every this long a sweep lists every folder and stats every file. */
  fullMs: number;
  /** Where they are, the full sweep's interval (default fullMs). */
  watchedFullMs?: number;
  /** Parse workers for a build (default: one per core but one, at least one, at most two). */
  parsers?: number;
}

export type ToWorker = { type: 'homes'; homes: string[] } | { type: 'close' };

export type FromWorker =
  | { type: 'status'; status: HistoryStatus }
  | { type: 'changed'; ids: number[]; removed: string[]; added: string[] }
  | { type: 'closed' };
