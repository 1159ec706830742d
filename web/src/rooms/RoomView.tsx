// One room: its members with their controls, the conversation with answers streaming in, and the composer.
// Stop room ends every member's turn and drops what the room queued; Export downloads the conversation as Markdown.
import { useState } from 'react';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { ConfirmDialog } from '../components/Dialog.js';
import { OpenSidebarButton } from '../components/OpenSidebarButton.js';
import { useToast } from '../components/Toasts.js';
import { roomExportUrl, roomsApi } from './api.js';
import { MemberStrip } from './MemberStrip.js';
import { MessageList } from './MessageList.js';
import { ROOM_STATUS } from './model.js';
import { RoomComposer } from './RoomComposer.js';
import { useRoom } from './useRoom.js';

export function RoomView({
  roomId,
  sessions,
  onBack,
  onOpenSidebar,
}: {
  roomId: string;
  sessions: Record<string, SessionSummary>;
  onBack: () => void;
  onOpenSidebar: () => void;
}) {
  const { snapshot, streams, error } = useRoom(roomId);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const toast = useToast();
  const { room } = snapshot;
  const header = (title: string) => (
    <div className="room-title-row">
      <OpenSidebarButton onOpen={onOpenSidebar} />
      <button type="button" className="button small" onClick={onBack}>
        ← Rooms
      </button>
      <h1 className="room-title">{title}</h1>
    </div>
  );
  if (snapshot.deleted || (!room && error)) {
    return (
      <section className="room-view" aria-label="Room">
        <header className="room-header">{header('Room')}</header>
        <p className="muted room-empty">{snapshot.deleted ? 'This room was deleted.' : error}</p>
      </section>
    );
  }
  if (!room) return <p className="muted room-empty">Opening the room…</p>;
  const working = room.status === 'running' || room.members.some((m) => sessions[m.sessionId]?.status === 'RUNNING');
  return (
    <section className="room-view" aria-label={`Room ${room.title}`}>
      <header className="room-header">
        {header(room.title)}
        <div className="room-status-row">
          <span className={`room-status ${room.status}`} role="status">
            {ROOM_STATUS[room.status]}
            {room.status === 'running' ? ` · turn ${room.turnsUsed} of at most ${room.turnLimit}` : ''}
          </span>
          {room.statusDetail && <span className="muted room-detail">{room.statusDetail}</span>}
          <a className="button small" href={roomExportUrl(room.id)} download>
            Export
          </a>
          <button
            type="button"
            className="button small danger"
            disabled={!working}
            onClick={() => roomsApi.stop(room.id).catch((e: unknown) => toast(e))}
          >
            Stop room
          </button>
          <button type="button" className="button small" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        </div>
        <MemberStrip room={room} sessions={sessions} />
      </header>
      <MessageList room={room} messages={snapshot.messages} hasEarlier={snapshot.hasEarlier} streams={streams} />
      <RoomComposer names={room.members.map((m) => m.name)} onSend={(text) => roomsApi.post(room.id, text)} />
      {confirmDelete && (
        <ConfirmDialog
          title="Delete this room?"
          message="Its conversation is gone for good (export it first to keep it). Running turns are stopped; the members' own sessions stay."
          confirmLabel="Delete room"
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            roomsApi.remove(room.id).then(onBack, (e: unknown) => toast(e));
          }}
        />
      )}
    </section>
  );
}
