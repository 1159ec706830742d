import { describe, expect, it } from 'vitest';
import type { RoomId, RoomMessage } from '../shared/rooms.js';
import { MODERATOR_RULES, memberPrompt } from './prompt.js';

let seq = 0;
const msg = (author: string, kind: RoomMessage['kind'], content: string, to: string[]): RoomMessage => ({
  id: `m${++seq}`,
  roomId: 'r' as RoomId,
  seq,
  author,
  kind,
  content,
  to,
  createdAt: '2026-12-01T00:00:00.000Z',
});
const members = [
  { name: 'alpha', role: 'agent' as const },
  { name: 'beta', role: 'agent' as const },
  { name: 'mod', role: 'moderator' as const },
];

describe('memberPrompt', () => {
  it('marks each message with its author, keeps room order, and puts what is addressed to the member last', () => {
    const news = [
      msg('person', 'person', 'Build a parser.', ['mod']),
      msg('alpha', 'agent', 'Part one is written.', ['mod']),
      msg('mod', 'moderator', '@beta review part one', ['beta']),
    ];
    const text = memberPrompt({ title: 'Parser', me: members[1]!, members, news });
    expect(text).toContain('You are @beta; with you are @alpha, @mod (the moderator), the person (@person).');
    const order = [
      '[@person to @mod]\nBuild a parser.',
      '[@alpha to @mod]\nPart one is written.',
      'For you:',
      '[@mod to @beta]\n@beta review',
    ];
    const at = order.map((part) => text.indexOf(part));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).not.toContain(MODERATOR_RULES);
  });

  it('gives the moderator its reply rules, and the room itself speaks as [room]', () => {
    const news = [msg('room', 'system', 'The turn of @alpha failed.', [])];
    const text = memberPrompt({ title: 'Parser', me: members[2]!, members, news });
    expect(text).toContain('[room]\nThe turn of @alpha failed.');
    expect(text).not.toContain('For you:');
    expect(text.endsWith(MODERATOR_RULES)).toBe(true);
  });
});
