// Live turns of one driven session: loads the snapshot, then applies drive pushes for it from the tab's one event
// stream; reloads the snapshot on every (re)connect or missed push, holding pushes that land meanwhile (useSnapshot).
import type { DriveSnapshot, DriveTurnWithEvents } from '../../../src/shared/drive.js';
import type { SessionId } from '../../../src/shared/ids.js';
import type { PushMessage } from '../../../src/shared/push.js';
import { sumUsage } from '../../../src/shared/usage-math.js';
import { useSnapshot } from '../hooks/useSnapshot.js';
import { driveApi } from './api.js';

type DrivePush = Extract<PushMessage, { type: 'drive.event' | 'drive.turn' }>;

/** Folds one push into the snapshot; idempotent (events are keyed by seq, turns by id). */
export function applyDrivePush(snap: DriveSnapshot, msg: DrivePush): DriveSnapshot {
  const turns = [...snap.turns];
  if (msg.type === 'drive.turn') {
    const i = turns.findIndex((t) => t.id === msg.turn.id);
    const merged: DriveTurnWithEvents = { ...msg.turn, events: i >= 0 ? (turns[i]?.events ?? []) : [] };
    if (i >= 0) turns[i] = merged;
    else turns.push(merged);
    const running = turns.some((t) => t.status === 'starting' || t.status === 'running');
    const usage = sumUsage(turns.map((t) => t.usage));
    return { ...snap, turns, running, usage };
  }
  const i = turns.findIndex((t) => t.id === msg.turnId);
  const turn = turns[i];
  if (!turn || turn.events.some((e) => e.seq === msg.event.seq)) return snap;
  turns[i] = { ...turn, events: [...turn.events, msg.event] };
  return { ...snap, turns };
}

export function useDriveTurns(sessionId: SessionId): { snapshot: DriveSnapshot | null; error: string | null } {
  return useSnapshot<DriveSnapshot | null, DrivePush>(sessionId, {
    initial: null,
    load: () => driveApi.snapshot(sessionId),
    select: (msg) => ((msg.type === 'drive.event' || msg.type === 'drive.turn') && msg.sessionId === sessionId ? msg : null),
    // Before the first snapshot there is nothing to fold into; that snapshot brings what the push said.
    apply: (snap, msg) => (snap ? applyDrivePush(snap, msg) : snap),
  });
}
