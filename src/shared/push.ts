// Messages the server pushes to browsers over /api/events: one tagged union, decoded on both sides.
import { z } from 'zod';
import { contextLinkSchema } from './context.js';
import { deviceSchema } from './devices.js';
import { driveEventSchema, driveTurnSchema } from './drive.js';
import { storageFaultCodeSchema } from './errors.js';
import { historySessionSchema, historyStatusSchema } from './history.js';
import { approvalSchema, daemonStatusSchema, liveTurnSchema } from './live.js';
import { activityItemSchema, turnInfoSchema, usageSnapshotSchema } from './rollout.js';
import { roomPushSchemas } from './rooms.js';
import { attachmentSchema, promptSchema, sessionSummarySchema, slashPromptSchema, timelineEntrySchema } from './schemas.js';

const sessionId = z.string();

export const pushMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), serverVersion: z.string() }),
  z.object({ type: z.literal('session.upserted'), sessionId, session: sessionSummarySchema }),
  z.object({ type: z.literal('session.deleted'), sessionId }),
  z.object({ type: z.literal('timeline.appended'), sessionId, entry: timelineEntrySchema }),
  z.object({ type: z.literal('timeline.cleared'), sessionId }),
  z.object({ type: z.literal('queue.changed'), sessionId, queue: z.array(promptSchema) }),
  z.object({ type: z.literal('attachments.changed'), sessionId, attachments: z.array(attachmentSchema) }),
  z.object({ type: z.literal('slash-prompts.changed'), slashPrompts: z.array(slashPromptSchema) }),
  // drive mode: one event Codex emitted in a turn (ordered by event.seq), and a turn's status/usage changing
  z.object({ type: z.literal('drive.event'), sessionId, turnId: z.string(), event: driveEventSchema }),
  z.object({ type: z.literal('drive.turn'), sessionId, turn: driveTurnSchema }),
  // Read from the session's Codex rollout as it grows; a new turn key means "start a fresh activity list".
  z.object({ type: z.literal('usage.updated'), sessionId, usage: usageSnapshotSchema }),
  z.object({ type: z.literal('activity.appended'), sessionId, turn: turnInfoSchema, items: z.array(activityItemSchema) }),
  // Live threads (the Codex daemon): an approval opened or closed; a turn started or ended; one item added or changed
  // (replace by id); text streamed into an item (append); the daemon connection came or went.
  z.object({ type: z.literal('approval.changed'), sessionId, approval: approvalSchema }),
  z.object({ type: z.literal('live.turn'), sessionId, turn: liveTurnSchema }),
  z.object({ type: z.literal('live.item'), sessionId, turnId: z.string(), item: activityItemSchema }),
  z.object({ type: z.literal('live.delta'), sessionId, turnId: z.string(), itemId: z.string(), text: z.string() }),
  z.object({ type: z.literal('daemon.changed'), daemon: daemonStatusSchema }),
  // History: the index's progress (at most a few a second while it builds), and sessions it added, changed or dropped
  // (at most HISTORY_PUSH_ROWS rows; `reload` when more changed at once: fetch the list again).
  z.object({ type: z.literal('history.progress'), status: historyStatusSchema }),
  z.object({
    type: z.literal('history.changed'),
    upserted: z.array(historySessionSchema),
    removed: z.array(z.string()),
    reload: z.boolean(),
  }),
  // A device was paired or removed: the whole list, as GET /api/devices answers it.
  z.object({ type: z.literal('devices.changed'), devices: z.array(deviceSchema) }),
  // A session was carried on from others (context grooming): the new session and each source show the link.
  z.object({ type: z.literal('context.carried'), sessionId, link: contextLinkSchema }),
  // Rooms (group chat): a room's state changed (the whole room), a message was added to it, a room was deleted.
  ...roomPushSchemas,
  // Sent once when the server finds it can no longer save (database deleted, replaced or read-only); writes answer `code`.
  z.object({ type: z.literal('storage.failed'), code: storageFaultCodeSchema, error: z.string() }),
]);
export type PushMessage = z.infer<typeof pushMessageSchema>;
/** A push message as sent: the server's global order number lets clients spot gaps. */
export const pushEnvelopeSchema = z.intersection(pushMessageSchema, z.object({ seq: z.number().int().min(0) }));
export type PushEnvelope = PushMessage & { seq: number };

/** Every push type, for tests that must cover each one. */
export const PUSH_TYPES = pushMessageSchema.options.map((o) => o.shape.type.value);
