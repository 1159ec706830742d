// Room (group chat) endpoints: list, create, read, post a message, stop the room or one member, export, delete.
// Thin: validation and mapping only; the routing rules live in src/rooms.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { api } from '../../shared/api.js';
import { roomIdSchema } from '../../shared/rooms.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';

const roomParams = z.object({ roomId: roomIdSchema });
const memberParams = roomParams.extend({ name: z.string().min(1).max(64) });

/** A file name made of the title's safe characters and the time, for the download. */
const fileName = (title: string) =>
  `${
    title
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'room'
  }-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}.md`;

export async function roomRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { rooms } = ctx;
  const roomOf = (req: FastifyRequest) => parse(roomParams, req.params).roomId;

  serve(app, api.listRooms, async () => ({ ok: true, rooms: rooms.list() }));

  serve(app, api.createRoom, async (req) => ({ ok: true, room: await rooms.create(parse(api.createRoom.body, req.body)) }));

  serve(app, api.room, async (req) => ({ ok: true, ...rooms.detail(roomOf(req)) }));

  serve(app, api.postRoomMessage, async (req) => {
    const { content } = parse(api.postRoomMessage.body, req.body);
    return { ok: true, ...rooms.post(roomOf(req), content) };
  });

  serve(app, api.stopRoom, async (req) => ({ ok: true, room: rooms.stop(roomOf(req)) }));

  serve(app, api.stopRoomMember, async (req) => {
    const { roomId, name } = parse(memberParams, req.params);
    return { ok: true, room: rooms.stopMember(roomId, name) };
  });

  serve(app, api.exportRoom, async (req, reply) => {
    const { room, markdown } = rooms.exportMarkdown(roomOf(req));
    return reply
      .type('text/markdown; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(room.title)}"`)
      .send(markdown);
  });

  serve(app, api.deleteRoom, async (req) => {
    rooms.delete(roomOf(req));
    return { ok: true, deleted: true as const };
  });
}
