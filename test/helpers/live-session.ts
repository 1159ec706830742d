// Conditions on a terminal's live thread as our server sees it, for tests that start a real thread in the daemon.
import type { ThreadId } from '../../src/shared/ids.js';
import type { SessionSummary } from '../../src/shared/schemas.js';
import type { Rig } from './rig.js';

/** The session our server bound thread `threadId` to, once it sees the thread idle; null before. For a wait's check. */
export function idleLiveSession(rig: Rig, threadId: string): SessionSummary | null {
  const id = rig.server.ctx.store.sessions.idByThread(threadId as ThreadId);
  const found = id ? rig.server.ctx.store.sessions.summary(id) : null;
  return found?.live?.status === 'idle' ? found : null;
}

/** Resolves once our server is connected to the rig's Codex daemon (started with `daemon: true`). */
export function untilDaemonConnected(rig: Rig): Promise<true> {
  return rig.until('the daemon connection', () => rig.server.ctx.live.daemon().state === 'connected', 30_000);
}
