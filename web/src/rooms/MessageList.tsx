// The room's conversation: each message under its author (the person, a member, or the room itself), and below them
// what members are writing right now, as it streams.
import { useRef } from 'react';
import type { Room, RoomMessage } from '../../../src/shared/rooms.js';
import { Markdown } from '../components/Markdown.js';
import { usePinnedScroll } from '../hooks/usePinnedScroll.js';
import type { Streams } from './model.js';

const author = (m: RoomMessage) => (m.kind === 'person' ? 'You' : m.kind === 'system' ? 'Room' : `@${m.author}`);

export function MessageList({
  room,
  messages,
  hasEarlier,
  streams,
}: {
  room: Room;
  messages: RoomMessage[];
  hasEarlier: boolean;
  streams: Streams;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  usePinnedScroll(scroller, content);
  const writing = room.members.filter((m) => streams[m.sessionId]?.text);
  return (
    <div className="room-messages" ref={scroller}>
      <div ref={content} role="log" aria-label="Room messages">
        {hasEarlier && <p className="muted room-earlier">Earlier messages are in the export.</p>}
        {messages.length === 0 && (
          <p className="muted room-empty">Nothing said yet. Write to everyone, or mention members as @name to write to them only.</p>
        )}
        {messages.map((m) => (
          <article key={m.id} className={`room-message ${m.kind}`} data-author={m.author}>
            <header className="room-message-head">
              <strong>{author(m)}</strong>
              {m.kind === 'moderator' && <span className="muted"> (moderator)</span>}
              {m.to.length > 0 && <span className="muted"> to {m.to.map((n) => `@${n}`).join(', ')}</span>}
              <time className="muted" dateTime={m.createdAt}>
                {new Date(m.createdAt).toLocaleTimeString()}
              </time>
            </header>
            {m.kind === 'system' ? (
              <p className="room-system">{m.content}</p>
            ) : (
              <Markdown text={m.content} softBreaks={m.kind === 'person'} />
            )}
          </article>
        ))}
        {writing.map((m) => (
          <article key={`writing-${m.name}`} className="room-message agent streaming" data-author={m.name} aria-busy="true">
            <header className="room-message-head">
              <strong>@{m.name}</strong> <span className="muted">is writing…</span>
            </header>
            <p className="room-stream">{streams[m.sessionId]?.text}</p>
          </article>
        ))}
      </div>
    </div>
  );
}
