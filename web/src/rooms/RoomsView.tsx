// Rooms (its own chunk, loaded when first opened): the list of rooms with "New room", or one room. Wiring only.
import { useState } from 'react';
import type { Room } from '../../../src/shared/rooms.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { OpenSidebarButton } from '../components/OpenSidebarButton.js';
import { useSnapshot } from '../hooks/useSnapshot.js';
import { roomsApi } from './api.js';
import { applyToList, isRoomPush, ROOM_STATUS, type RoomPush } from './model.js';
import { NewRoomDialog } from './NewRoomDialog.js';
import { RoomView } from './RoomView.js';
import type { RoomsRoute } from './route.js';
import './rooms.css';

interface Props {
  route: RoomsRoute;
  go: (route: RoomsRoute) => void;
  sessions: Record<string, SessionSummary>;
  onOpenSidebar: () => void;
}

export function RoomsView({ route, go, sessions, onOpenSidebar }: Props) {
  if (route.view === 'room') {
    return (
      <RoomView
        key={route.roomId}
        roomId={route.roomId}
        sessions={sessions}
        onBack={() => go({ view: 'list' })}
        onOpenSidebar={onOpenSidebar}
      />
    );
  }
  return <RoomList go={go} sessions={sessions} onOpenSidebar={onOpenSidebar} />;
}

function RoomList({ go, sessions, onOpenSidebar }: Omit<Props, 'route'>) {
  const [creating, setCreating] = useState(false);
  const { snapshot: rooms, error } = useSnapshot<Room[], RoomPush>('rooms', {
    initial: [],
    load: roomsApi.list,
    select: (msg) => (isRoomPush(msg) ? msg : null),
    apply: applyToList,
  });
  // Driven sessions no room has yet: the ones that can join as they are.
  const taken = new Set(rooms.flatMap((r) => r.members.map((m) => m.sessionId as string)));
  const free = Object.values(sessions).filter((s) => s.kind === 'driven' && !taken.has(s.id));
  return (
    <section className="room-view" aria-label="Rooms">
      <header className="room-header">
        <div className="room-title-row">
          <OpenSidebarButton onOpen={onOpenSidebar} />
          <h1 className="room-title">Rooms</h1>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New room
          </button>
        </div>
        <p className="muted">
          A room puts several Codex sessions and you in one conversation. Each answer is shown to the others, so they build on each other’s
          work; a moderator can decide who works next.
        </p>
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
      </header>
      <ul className="room-list">
        {rooms.length === 0 && <li className="muted room-empty">No rooms yet.</li>}
        {rooms.map((r) => (
          <li key={r.id}>
            <button type="button" className="room-row" onClick={() => go({ view: 'room', roomId: r.id })}>
              <strong>{r.title}</strong>
              <span className="muted">
                {r.members.map((m) => `@${m.name}`).join(', ')} · {ROOM_STATUS[r.status]}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {creating && (
        <NewRoomDialog
          sessions={free}
          onClose={() => setCreating(false)}
          onCreated={(roomId) => {
            setCreating(false);
            go({ view: 'room', roomId });
          }}
        />
      )}
    </section>
  );
}
