// Rooms' place in the URL hash: #/rooms (the list) and #/rooms/<roomId> (one room). Pure parsing plus a small hook.
import { useCallback, useEffect, useState } from 'react';

export type RoomsRoute = { view: 'list' } | { view: 'room'; roomId: string };

/** The rooms route a hash names, or null when it names something else. */
export function roomsFromHash(hash: string): RoomsRoute | null {
  if (hash === '#/rooms' || hash === '#/rooms/') return { view: 'list' };
  const m = /^#\/rooms\/([0-9a-f-]{36})$/i.exec(hash);
  return m?.[1] ? { view: 'room', roomId: m[1].toLowerCase() } : null;
}

export const roomsHash = (route: RoomsRoute) => (route.view === 'list' ? '#/rooms' : `#/rooms/${route.roomId}`);

export function useRoomsRoute(): { route: RoomsRoute | null; go: (route: RoomsRoute) => void } {
  const [route, setRoute] = useState(() => roomsFromHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(roomsFromHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = useCallback((next: RoomsRoute) => {
    location.hash = roomsHash(next);
    setRoute(next);
  }, []);
  return { route, go };
}
