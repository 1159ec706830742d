// The prompt a room member receives: who it is in the room, what the others said since its last turn (each message
// marked with its author), and the messages addressed to it. Pure; the caller decides which messages are new to it.
import type { MemberRole, RoomMessage } from '../shared/rooms.js';

export interface PromptMember {
  name: string;
  role: MemberRole;
}

/** How the moderator answers, repeated in each of its prompts so it never depends on an earlier turn. */
export const MODERATOR_RULES =
  'You are the moderator. Read the answers, then decide who works next: mention each member who should act as ' +
  '@name, with what they should do. When the task is finished, put DONE at the start of a line, with a short ' +
  'summary after it. To hand back to the person, answer without mentioning anyone.';

const label = (m: RoomMessage): string => {
  const who = m.kind === 'system' ? 'room' : `@${m.author}`;
  return m.to.length > 0 ? `[${who} to ${m.to.map((n) => `@${n}`).join(', ')}]` : `[${who}]`;
};

const block = (messages: RoomMessage[]): string => messages.map((m) => `${label(m)}\n${m.content.trim()}`).join('\n\n');

/**
 * The text of one prompt for `me`. `news` is every room message after its cursor that it did not write, in room
 * order; those addressed to it come under "For you", the rest under what the others said.
 */
export function memberPrompt(input: { title: string; me: PromptMember; members: PromptMember[]; news: RoomMessage[] }): string {
  const { title, me, members, news } = input;
  const others = members
    .filter((m) => m.name !== me.name)
    .map((m) => (m.role === 'moderator' ? `@${m.name} (the moderator)` : `@${m.name}`));
  const lines = [
    `Room "${title}". You are @${me.name}; with you are ${[...others, 'the person (@person)'].join(', ')}. ` +
      'Each message below is marked with who wrote it and whom it was for.',
  ];
  const forMe = news.filter((m) => m.to.includes(me.name));
  const meanwhile = news.filter((m) => !m.to.includes(me.name));
  if (meanwhile.length > 0) lines.push(`What the others said since your last turn:\n\n${block(meanwhile)}`);
  if (forMe.length > 0) lines.push(`For you:\n\n${block(forMe)}`);
  lines.push(me.role === 'moderator' ? MODERATOR_RULES : 'Your answer is shown to the room under your name.');
  return lines.join('\n\n');
}
