import { describe, expect, it } from 'vitest';
import type { Room, RoomId, RoomMessage } from '../../../src/shared/rooms.js';
import {
  applyDelta,
  applyToList,
  applyToRoom,
  clearStream,
  completeMention,
  mentionAt,
  mentionChoices,
  type RoomSnapshot,
} from './model.js';

const room = (id: string, updatedAt: string): Room => ({
  id: id as RoomId,
  title: id,
  status: 'idle',
  statusDetail: null,
  turnLimit: 10,
  turnsUsed: 0,
  members: [],
  createdAt: updatedAt,
  updatedAt,
});
const message = (seq: number): RoomMessage => ({
  id: `m${seq}`,
  roomId: 'r' as RoomId,
  seq,
  author: 'person',
  kind: 'person',
  content: `hello ${seq}`,
  to: [],
  createdAt: '2026-12-01T00:00:00.000Z',
});

describe('room pushes', () => {
  it('keep the list newest first and drop a deleted room', () => {
    const a = room('a', '2026-12-01T10:00:00.000Z');
    const b = room('b', '2026-12-01T11:00:00.000Z');
    let list = applyToList([], { type: 'room.upserted', roomId: 'a', room: a });
    list = applyToList(list, { type: 'room.upserted', roomId: 'b', room: b });
    expect(list.map((r) => r.id)).toEqual(['b', 'a']);
    expect(applyToList(list, { type: 'room.deleted', roomId: 'b' }).map((r) => r.id)).toEqual(['a']);
  });

  it('add each message once, in seq order, however often a push is replayed', () => {
    let s: RoomSnapshot = { room: null, messages: [message(1)], hasEarlier: false, deleted: false };
    for (const seq of [3, 2, 3, 1]) s = applyToRoom(s, { type: 'room.message', roomId: 'r', message: message(seq) });
    expect(s.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });
});

describe('streams', () => {
  it('append to the item being written and restart with a new item', () => {
    let s = applyDelta({}, 's1', 'i1', 'Hel');
    s = applyDelta(s, 's1', 'i1', 'lo');
    expect(s.s1?.text).toBe('Hello');
    s = applyDelta(s, 's1', 'i2', 'Next');
    expect(s.s1?.text).toBe('Next');
    expect(clearStream(s, 's1')).toEqual({});
  });
});

describe('mention completion', () => {
  it.each([
    ['hi @al', 6, { start: 3, query: 'al' }],
    ['@', 1, { start: 0, query: '' }],
    ['mail a@b', 8, null],
    ['@alpha done', 11, null],
  ])('%s', (text, caret, expected) => {
    expect(mentionAt(text, caret)).toEqual(expected);
  });

  it('completes by prefix and puts the caret after the name', () => {
    expect(mentionChoices(['alpha', 'Beta', 'al2'], 'AL')).toEqual(['alpha', 'al2']);
    expect(completeMention('ask @al now', 7, 4, 'alpha')).toEqual({ text: 'ask @alpha  now', caret: 11 });
  });
});
