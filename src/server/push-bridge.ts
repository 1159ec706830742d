// Turns Delivery's domain events into browser pushes: a change's parts become the pushes the UI already knows, in a
// fixed order (what ended, the new timeline entry, the queue, the attachments, then the session row).
import type { SessionChange } from '../delivery/changes.js';
import type { PushMessage } from '../shared/push.js';

export function pushesFor(change: SessionChange): PushMessage[] {
  const { sessionId } = change;
  const out: PushMessage[] = [];
  if (change.type === 'session.deleted') out.push({ type: 'session.deleted', sessionId });
  if (change.type === 'timeline.cleared') out.push({ type: 'timeline.cleared', sessionId });
  if (change.entry) out.push({ type: 'timeline.appended', sessionId, entry: change.entry });
  if (change.queue) out.push({ type: 'queue.changed', sessionId, queue: change.queue });
  if (change.approval) out.push({ type: 'approval.changed', sessionId, approval: change.approval });
  if (change.attachments) out.push({ type: 'attachments.changed', sessionId, attachments: change.attachments });
  if (change.carried) out.push({ type: 'context.carried', sessionId, link: change.carried });
  if (change.session) out.push({ type: 'session.upserted', sessionId, session: change.session });
  return out;
}
