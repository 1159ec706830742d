// Finds any thread's rollout for carrying its context on: the History index first (it reads every Codex home, and
// knows titles and folders), then the rollout finder for the server's own home (a file the index has not read yet).
import { stat } from 'node:fs/promises';
import type { RolloutFinder } from '../../codex/rollout/finder.js';
import type { HistoryService } from '../../history/service.js';
import type { ThreadId } from '../../shared/ids.js';
import type { LocateThread } from './service.js';

export function threadLocator(history: HistoryService, finder: RolloutFinder): LocateThread {
  return async (threadId: ThreadId) => {
    const indexed = history.reader?.byThread(threadId) ?? null;
    if (indexed && (await stat(indexed.rolloutPath).catch(() => null))) {
      return { path: indexed.rolloutPath, title: indexed.title, cwd: indexed.cwd };
    }
    const found = await finder.find(threadId);
    return found ? { path: found.path, title: null, cwd: null } : null;
  };
}
