// Stopping a turn that runs inside the Codex daemon, and what has to follow it. A command still running when its turn
// is interrupted (inside the sandbox, say) is kept by Codex as a background terminal and outlives the turn, and on a
// busy machine the daemon can let go of its sandbox helper altogether (see orphaned-sandboxes.ts). Drive mode's turns
// and a terminal's live thread are stopped through here alike, so neither leaves a command behind.
import type { AppServerClient } from '../app-server/client.js';
import { endOrphanedSandboxes } from './orphaned-sandboxes.js';

type DaemonCalls = Pick<AppServerClient, 'interrupt' | 'request'>;

/** When to look for sandbox helpers an interrupted turn left behind: soon, and once more after a busy moment. */
const ORPHAN_CHECKS_MS = [300, 2000];

/** Sends turn/interrupt, then cleans up whatever its answer; settles as the interrupt did. */
export async function interruptTurn(client: DaemonCalls, threadId: string, turnId: string, cwd: string | null): Promise<void> {
  try {
    await client.interrupt(threadId, turnId);
  } finally {
    cleanUpInterrupted(client, threadId, cwd);
  }
}

/**
 * Ends the thread's background terminals, then any orphaned sandbox helper that ran in `cwd`. Call it again once the
 * interrupted turn has ended: a command Codex moved to the background only as the turn wound down was not there yet.
 */
export function cleanUpInterrupted(client: DaemonCalls, threadId: string, cwd: string | null): void {
  client.request('thread/backgroundTerminals/clean', { threadId }).catch(() => {});
  if (!cwd) return;
  for (const ms of ORPHAN_CHECKS_MS) setTimeout(() => endOrphanedSandboxes(cwd), ms).unref();
}
