// A room's whole conversation as readable Markdown: who was in it, then every message in room order under its author.
// Pure; the route streams what it returns.
import { quote, time } from '../codex/rollout/markdown.js';
import type { Room, RoomMessage } from '../shared/rooms.js';

const who = (m: RoomMessage, room: Room): string => {
  if (m.kind === 'person') return 'The person';
  if (m.kind === 'system') return 'Room';
  return room.members.some((x) => x.name === m.author && x.role === 'moderator') ? `@${m.author} (moderator)` : `@${m.author}`;
};

export function roomMarkdown(room: Room, messages: RoomMessage[], exportedAt: string): string {
  const out = [`# Room: ${room.title.replace(/\n/g, ' ')}\n`, `- Exported: ${exportedAt}`, `- Status: ${room.status}`];
  out.push(`- Turn limit: ${room.turnLimit} per message from the person\n`, '## Members\n');
  out.push('| Name | Role | Folder | Model | Sandbox |', '| --- | --- | --- | --- | --- |');
  for (const m of room.members) {
    out.push(`| @${m.name} | ${m.role} | \`${m.cwd}\` | ${m.model ?? 'default'} | ${m.sandbox} |`);
  }
  out.push('\n## Conversation\n');
  if (messages.length === 0) out.push('_Nothing was said yet._\n');
  for (const m of messages) {
    const to = m.to.length > 0 ? ` → ${m.to.map((n) => `@${n}`).join(', ')}` : '';
    out.push(`### ${who(m, room)}${to}${time(m.createdAt)}\n`);
    out.push(m.kind === 'system' ? quote(m.content) : `${m.content.trim()}\n`);
  }
  return `${out.join('\n')}\n`;
}
