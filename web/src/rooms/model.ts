// The room view's pure rules: folding room pushes into the list and the open room (idempotent, so a push replayed on
// top of a snapshot that already has it changes nothing), streamed answer text per member, and @mention completion.
import type { Room, RoomMessage, RoomStatus } from '../../../src/shared/rooms.js';
import type { ReceivedPush } from '../store/applyPush.js';

/** A room's status in words. */
export const ROOM_STATUS: Record<RoomStatus, string> = {
  idle: 'Waiting for you',
  running: 'Working',
  done: 'Done',
  limit: 'Turn limit reached',
  stopped: 'Stopped',
};

export interface RoomSnapshot {
  room: Room | null;
  messages: RoomMessage[];
  hasEarlier: boolean;
  deleted: boolean;
}

export type RoomPush = Extract<ReceivedPush, { type: 'room.upserted' | 'room.message' | 'room.deleted' }>;

export const isRoomPush = (msg: ReceivedPush): msg is RoomPush =>
  msg.type === 'room.upserted' || msg.type === 'room.message' || msg.type === 'room.deleted';

/** The rooms list, newest activity first. */
export function applyToList(rooms: Room[], push: RoomPush): Room[] {
  if (push.type === 'room.message') return rooms;
  const rest = rooms.filter((r) => r.id !== push.roomId);
  if (push.type === 'room.deleted') return rest;
  return [push.room, ...rest].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

/** One open room: its state, and its messages in room order (each once, by seq). */
export function applyToRoom(snapshot: RoomSnapshot, push: RoomPush): RoomSnapshot {
  if (push.type === 'room.deleted') return { ...snapshot, deleted: true };
  if (push.type === 'room.upserted') return { ...snapshot, room: push.room };
  if (snapshot.messages.some((m) => m.seq === push.message.seq)) return snapshot;
  const messages = [...snapshot.messages, push.message].sort((a, b) => a.seq - b.seq);
  return { ...snapshot, messages };
}

/** Text a member is writing right now, per session: the item being streamed, replaced when a new item starts. */
export type Streams = Record<string, { itemId: string; text: string }>;

export function applyDelta(streams: Streams, sessionId: string, itemId: string, text: string): Streams {
  const current = streams[sessionId];
  const next = current && current.itemId === itemId ? current.text + text : text;
  return { ...streams, [sessionId]: { itemId, text: next } };
}

export function clearStream(streams: Streams, sessionId: string): Streams {
  if (!(sessionId in streams)) return streams;
  const { [sessionId]: _gone, ...rest } = streams;
  return rest;
}

/** The @word being typed right before the caret, if any: what the mention list completes. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|[\s(])@([A-Za-z0-9_-]*)$/.exec(text.slice(0, caret));
  if (!m) return null;
  const query = m[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** The names that complete `query` (case-insensitive prefix), the room's order kept. */
export function mentionChoices(names: string[], query: string): string[] {
  const q = query.toLowerCase();
  return names.filter((n) => n.toLowerCase().startsWith(q));
}

/** The text with the mention at `start` (up to the caret) replaced by `@name `, and where the caret goes. */
export function completeMention(text: string, caret: number, start: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
