// What the daemon's notifications about a thread we follow do: its status and turn change the session (through
// Delivery), its items and deltas go to the browser as they stream, and a finished turn lets the next queued prompt go.
import type { AppServerNotification } from '../../codex/app-server/messages.js';
import { activityFromItem, planFromUpdate, turnStatusOf } from '../../codex/app-server/thread-items.js';
import { cleanUpInterrupted } from '../../codex/engine/interrupt.js';
import type { LiveThreads } from './service.js';
import type { LiveThread } from './thread-state.js';

type Loose = Record<string, unknown>;

export function onThreadEvent(live: LiveThreads, thread: LiveThread, n: AppServerNotification): void {
  const p = (n.params ?? {}) as Loose;
  const sessionId = thread.sessionId;
  switch (n.method) {
    case 'thread/status/changed':
      thread.rawStatus = p.status;
      thread.refused = false;
      live.refresh(thread);
      if ((p.status as Loose)?.type === 'active') void live.follow(thread);
      if (thread.canStartTurn()) live.pump(sessionId);
      return;
    case 'thread/closed':
      thread.rawStatus = { type: 'notLoaded' };
      thread.turnId = null;
      live.refresh(thread);
      return;
    case 'thread/name/updated':
      return;
    case 'turn/plan/updated': {
      const plan = planFromUpdate(p);
      if (plan) live.publish({ type: 'live.item', sessionId, turnId: plan.turnId, item: plan.item });
      return;
    }
    case 'turn/started': {
      const turn = p.turn as Loose;
      thread.turnId = String(turn.id);
      thread.rawStatus = { type: 'active', activeFlags: [] };
      live.refresh(thread, 'turn_started');
      live.publish({ type: 'live.turn', sessionId, turn: { id: thread.turnId, status: 'in_progress', items: [], error: null } });
      return;
    }
    case 'turn/completed':
      turnCompleted(live, thread, p.turn as Loose);
      return;
    case 'item/started':
    case 'item/completed': {
      const item = p.item as Loose;
      if (item?.type === 'fileChange' && Array.isArray(item.changes)) {
        thread.diffs.set(String(item.id), item.changes.map((c: Loose) => `--- ${c.path}\n${c.diff ?? ''}`).join('\n'));
      }
      const activity = activityFromItem(item);
      if (activity?.kind === 'user' && n.method === 'item/completed') live.delivery.livePromptSeen(sessionId, activity.text);
      if (activity) live.publish({ type: 'live.item', sessionId, turnId: String(p.turnId), item: activity });
      return;
    }
    case 'serverRequest/resolved': {
      const entry = live.approvals.byRequest(live.epoch, p.requestId as string | number);
      if (entry) live.closeApproval(thread, entry.approval.id, 'resolved_elsewhere');
      return;
    }
    default:
      if (typeof p.delta === 'string' && typeof p.itemId === 'string' && n.method.startsWith('item/')) {
        live.publish({ type: 'live.delta', sessionId, turnId: String(p.turnId ?? ''), itemId: p.itemId, text: p.delta });
      }
  }
}

function turnCompleted(live: LiveThreads, thread: LiveThread, turn: Loose): void {
  const status = turnStatusOf(turn.status);
  const error = ((turn.error ?? null) as Loose | null)?.message;
  // A thread first seen from thread/started had no first message yet, and its first items can pass before we
  // subscribe: its title then comes from the thread's preview once the turn is done.
  let untitled = false;
  try {
    untitled = live.delivery.summary(thread.sessionId).titleSource === 'default';
  } catch {
    // Its session was deleted meanwhile.
  }
  if (!thread.rolloutPath || untitled) void live.learnRolloutPath(thread, untitled);
  if (status === 'interrupted' && thread.interruptedTurnId === String(turn.id)) {
    cleanUpInterrupted(live.client, thread.threadId, thread.cwd);
  }
  thread.interruptedTurnId = null;
  thread.turnId = null;
  thread.lastCompletedTurnId = String(turn.id);
  thread.refused = false;
  thread.rawStatus = { type: 'idle' };
  thread.diffs.clear();
  live.refresh(thread, status === 'failed' ? 'failed' : 'turn_completed');
  live.rest(thread);
  live.publish({
    type: 'live.turn',
    sessionId: thread.sessionId,
    turn: { id: String(turn.id), status, items: [], error: typeof error === 'string' ? error : null },
  });
  live.pump(thread.sessionId);
}
