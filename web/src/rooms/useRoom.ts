// One open room: its snapshot (loaded on open and after every reconnect, then kept current by room pushes) and the
// text each member is writing right now (the daemon's streamed deltas, or a finished item from `codex exec`).
import { useMemo, useState } from 'react';
import { useSnapshot } from '../hooks/useSnapshot.js';
import { usePushes } from '../lib/pushBus.js';
import { roomsApi } from './api.js';
import { applyDelta, applyToRoom, clearStream, isRoomPush, type RoomPush, type RoomSnapshot, type Streams } from './model.js';

const EMPTY: RoomSnapshot = { room: null, messages: [], hasEarlier: false, deleted: false };
const ENDED = new Set(['completed', 'failed', 'interrupted']);

export function useRoom(roomId: string): { snapshot: RoomSnapshot; streams: Streams; error: string | null } {
  const { snapshot, error } = useSnapshot<RoomSnapshot, RoomPush>(`room:${roomId}`, {
    initial: EMPTY,
    load: async () => ({ ...(await roomsApi.detail(roomId)), deleted: false }),
    select: (msg) => (isRoomPush(msg) && msg.roomId === roomId ? msg : null),
    apply: applyToRoom,
  });
  const members = snapshot.room?.members;
  const byName = useMemo(() => new Map((members ?? []).map((m) => [m.name, m.sessionId as string])), [members]);
  const sessions = useMemo(() => new Set(byName.values()), [byName]);
  const [streams, setStreams] = useState<Streams>({});
  usePushes(
    `room-streams:${roomId}`,
    (msg) => {
      if (msg.type === 'live.delta' && sessions.has(msg.sessionId)) {
        setStreams((s) => applyDelta(s, msg.sessionId, msg.itemId, msg.text));
      } else if (msg.type === 'drive.event' && sessions.has(msg.sessionId) && msg.event.kind === 'item') {
        const { item } = msg.event;
        if (item.type === 'agent_message' && item.text)
          setStreams((s) => ({ ...s, [msg.sessionId]: { itemId: item.id, text: item.text } }));
      } else if (msg.type === 'drive.turn' && sessions.has(msg.sessionId) && ENDED.has(msg.turn.status)) {
        setStreams((s) => clearStream(s, msg.sessionId));
      } else if (msg.type === 'room.message' && msg.roomId === roomId) {
        const sessionId = byName.get(msg.message.author);
        if (sessionId) setStreams((s) => clearStream(s, sessionId));
      }
    },
    () => setStreams({}),
  );
  return { snapshot, streams, error };
}
