// Rooms' HTTP calls, decoded with the shared wire schemas (src/shared/rooms.ts).

import type { z } from 'zod';
import { api as endpoints, pathOf } from '../../../src/shared/api.js';
import type { newRoomBodySchema } from '../../../src/shared/rooms.js';
import { call } from '../api.js';

/** The body as the form sends it (the server fills in defaults). */
export type NewRoomInput = z.input<typeof newRoomBodySchema>;

export const roomsApi = {
  list: async () => (await call(endpoints.listRooms)).rooms,
  create: async (body: NewRoomInput) => (await call(endpoints.createRoom, {}, body)).room,
  detail: async (roomId: string) => call(endpoints.room, { roomId }),
  post: async (roomId: string, content: string) => call(endpoints.postRoomMessage, { roomId }, { content }),
  stop: async (roomId: string) => (await call(endpoints.stopRoom, { roomId })).room,
  stopMember: async (roomId: string, name: string) => (await call(endpoints.stopRoomMember, { roomId, name })).room,
  remove: async (roomId: string) => call(endpoints.deleteRoom, { roomId }),
};

export const roomExportUrl = (roomId: string) => pathOf(endpoints.exportRoom, { roomId });
