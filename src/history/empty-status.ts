// The History status before any sweep has counted anything: what the service reports while the worker starts (or
// could not), and what the indexer starts from. One shape, so a field added to HistoryStatus is set in one place.
import type { HistoryStatus } from '../shared/history.js';

/** Nothing counted yet; `sessions` is what an index already on disk holds. */
export const emptyStatus = (state: HistoryStatus['state'], error: string | null = null, sessions = 0): HistoryStatus => ({
  state,
  filesDone: 0,
  filesTotal: 0,
  bytesDone: 0,
  bytesTotal: 0,
  etaSeconds: null,
  sessions,
  unreadableFiles: 0,
  malformedLines: 0,
  halfWrittenFiles: 0,
  unreadable: [],
  homes: [],
  startedAtIso: null,
  readyAtIso: null,
  error,
});
