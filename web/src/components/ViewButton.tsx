// The sidebar's way into a view of its own, such as History or Rooms (in the drawer on a phone).
export function ViewButton({ label, name, active, onOpen }: { label: string; name: string; active: boolean; onOpen: () => void }) {
  return (
    <button
      type="button"
      className={active ? `button view-open ${name}-open active` : `button view-open ${name}-open`}
      aria-current={active ? 'page' : undefined}
      onClick={onOpen}
    >
      {label}
    </button>
  );
}
