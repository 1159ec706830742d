// Wire shapes of rooms (group chat): several driven sessions and the person in one conversation. Zod schemas, their
// types, the room endpoints (spread into api.ts) and the room pushes (spread into push.ts). No logic, no I/O.
import { z } from 'zod';
import type { Endpoint } from './api.js';
import { approvalPolicySchema, driveSandboxSchema, newDriveSessionBodySchema } from './drive.js';
import { type SessionId, sessionIdSchema } from './ids.js';

export type RoomId = string & { readonly __brand: 'RoomId' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const roomIdSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => UUID.test(v), { message: 'The room id is not a valid id.' })
  .transform((v) => v as RoomId);

/** Words a member may not be called: they mean someone else in a room's messages and prompts. */
export const RESERVED_NAMES = ['all', 'everyone', 'person', 'you', 'room'] as const;

export const MEMBER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
export const memberNameSchema = z
  .string({ error: 'Each member needs a name.' })
  .trim()
  .regex(MEMBER_NAME, 'A member name starts with a letter and has only letters, digits, "-" and "_" (at most 32).')
  .refine((n) => !(RESERVED_NAMES as readonly string[]).includes(n.toLowerCase()), {
    message: `A member cannot be called ${RESERVED_NAMES.join(', ')}: those words mean someone else in a room.`,
  });

/** agent: works on what it is asked; moderator: gets every answer and decides whom to ask next (at most one). */
export const memberRoleSchema = z.enum(['agent', 'moderator']);
export type MemberRole = z.infer<typeof memberRoleSchema>;

export const roomMemberSchema = z.object({
  name: z.string(),
  role: memberRoleSchema,
  sessionId: z.string().transform((v) => v as SessionId),
  cwd: z.string(),
  model: z.string().nullable(),
  sandbox: driveSandboxSchema,
  approvalPolicy: approvalPolicySchema,
});
export type RoomMember = z.infer<typeof roomMemberSchema>;

/**
 * idle: waiting for the person; running: members are working; done: the moderator said DONE; limit: the turn limit
 * was reached; stopped: the person stopped the room. A new message from the person runs it again.
 */
export const roomStatusSchema = z.enum(['idle', 'running', 'done', 'limit', 'stopped']);
export type RoomStatus = z.infer<typeof roomStatusSchema>;

export const roomSchema = z.object({
  id: z.string().transform((v) => v as RoomId),
  title: z.string(),
  status: roomStatusSchema,
  /** Why it is in that status, in plain words (null when there is nothing to say). */
  statusDetail: z.string().nullable(),
  /** The most turns the members take for one message of the person's, that message's own turns included. */
  turnLimit: z.number().int(),
  turnsUsed: z.number().int(),
  members: z.array(roomMemberSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Room = z.infer<typeof roomSchema>;

/** Who wrote a message: the person, a member (agent or moderator, by name), or the room itself (a turn that failed…). */
export const messageKindSchema = z.enum(['person', 'agent', 'moderator', 'system']);
export type MessageKind = z.infer<typeof messageKindSchema>;

export const roomMessageSchema = z.object({
  id: z.string(),
  roomId: z.string().transform((v) => v as RoomId),
  /** Room order: a message with a higher seq was written later. */
  seq: z.number().int(),
  /** "person", "room", or the member's name. */
  author: z.string(),
  kind: messageKindSchema,
  content: z.string(),
  /** The members it was sent to as their prompt (everyone else gets it as context with their next prompt). */
  to: z.array(z.string()),
  createdAt: z.string(),
});
export type RoomMessage = z.infer<typeof roomMessageSchema>;

// ---- request bodies ----

export const MAX_MEMBERS = 8;

export const newRoomMemberSchema = z
  .object({
    name: memberNameSchema,
    role: memberRoleSchema.default('agent'),
    /** An existing driven session joins as this member (it keeps its folder and settings); else a new one is made. */
    sessionId: sessionIdSchema.optional(),
    cwd: z.string().trim().min(1).max(4096).optional(),
    model: newDriveSessionBodySchema.shape.model,
    sandbox: driveSandboxSchema.default('workspace-write'),
    approvalPolicy: approvalPolicySchema.default('never'),
  })
  .refine((m) => m.sessionId !== undefined || m.cwd !== undefined, {
    message: 'Each new member needs a working folder ("cwd"), or the id of a session to join ("sessionId").',
  });
export type NewRoomMember = z.infer<typeof newRoomMemberSchema>;

export const newRoomBodySchema = z
  .object(
    {
      title: z.string().trim().max(200).optional(),
      members: z
        .array(newRoomMemberSchema)
        .min(2, 'A room needs at least two members.')
        .max(MAX_MEMBERS, `A room has at most ${MAX_MEMBERS} members.`),
      turnLimit: z.number().int().min(1, 'The turn limit is at least 1.').max(200, 'The turn limit is at most 200.').default(12),
    },
    { error: 'The request body must be a JSON object with "members".' },
  )
  .superRefine((body, ctx) => {
    const names = body.members.map((m) => m.name.toLowerCase());
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', message: 'Two members have the same name.' });
    const sessions = body.members.flatMap((m) => (m.sessionId ? [m.sessionId] : []));
    if (new Set(sessions).size !== sessions.length) ctx.addIssue({ code: 'custom', message: 'A session can be only one member.' });
    const moderators = body.members.filter((m) => m.role === 'moderator').length;
    if (moderators > 1) ctx.addIssue({ code: 'custom', message: 'A room has at most one moderator.' });
    if (body.members.length - moderators < 1) ctx.addIssue({ code: 'custom', message: 'A room needs at least one agent.' });
  });
export type NewRoomBody = z.infer<typeof newRoomBodySchema>;

export const roomMessageBodySchema = z.object(
  {
    content: z
      .string()
      .max(200_000, 'The message is longer than 200,000 characters.')
      .refine((v) => v.trim().length > 0, { message: 'The message is empty: type something first.' }),
  },
  { error: 'The request body must be {"content": "..."}.' },
);

// ---- endpoints ----

const ok = <S extends z.ZodRawShape>(shape: S) => z.object({ ok: z.literal(true), ...shape });
const oneRoom = ok({ room: roomSchema });

/** How many of a room's newest messages its detail carries; the export has them all. */
export const ROOM_PAGE = 500;

export const roomEndpoints = {
  listRooms: { method: 'GET', path: '/api/rooms', response: ok({ rooms: z.array(roomSchema) }), errors: [] },
  /** Makes the new members' driven sessions and the room; nothing runs until the person's first message. */
  createRoom: {
    method: 'POST',
    path: '/api/rooms',
    body: newRoomBodySchema,
    response: oneRoom,
    status: 201,
    errors: ['session_not_found', 'drive_refused', 'conflict'],
  },
  room: {
    method: 'GET',
    path: '/api/rooms/:roomId',
    response: ok({ room: roomSchema, messages: z.array(roomMessageSchema), hasEarlier: z.boolean() }),
    errors: ['not_found'],
  },
  /** Sends to the members it @mentions; with none, to the moderator if there is one, else to every agent. */
  postRoomMessage: {
    method: 'POST',
    path: '/api/rooms/:roomId/messages',
    body: roomMessageBodySchema,
    response: ok({ message: roomMessageSchema, room: roomSchema }),
    status: 201,
    errors: ['not_found', 'queue_full'],
  },
  /** Stops every member's running turn and drops the prompts the room queued for them. */
  stopRoom: { method: 'POST', path: '/api/rooms/:roomId/stop', response: oneRoom, errors: ['not_found'] },
  stopRoomMember: { method: 'POST', path: '/api/rooms/:roomId/members/:name/stop', response: oneRoom, errors: ['not_found'] },
  /** The whole conversation as Markdown (a download). */
  exportRoom: { method: 'GET', path: '/api/rooms/:roomId/export', response: null, errors: ['not_found'] },
  /** Forgets the room; its members' sessions stay. */
  deleteRoom: { method: 'DELETE', path: '/api/rooms/:roomId', response: ok({ deleted: z.literal(true) }), errors: ['not_found'] },
} as const satisfies Record<string, Endpoint>;

// ---- pushes ----

const roomId = z.string();
export const roomPushSchemas = [
  z.object({ type: z.literal('room.upserted'), roomId, room: roomSchema }),
  z.object({ type: z.literal('room.message'), roomId, message: roomMessageSchema }),
  z.object({ type: z.literal('room.deleted'), roomId }),
] as const;
