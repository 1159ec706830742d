// The sidebar's way into Rooms (in the drawer on a phone).
export function RoomsButton({ active, onOpen }: { active: boolean; onOpen: () => void }) {
  return (
    <button
      type="button"
      className={active ? 'button rooms-open active' : 'button rooms-open'}
      aria-current={active ? 'page' : undefined}
      onClick={onOpen}
    >
      Rooms
    </button>
  );
}
