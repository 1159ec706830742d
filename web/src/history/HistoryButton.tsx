// The sidebar's way into History (in the drawer on a phone).
export function HistoryButton({ active, onOpen }: { active: boolean; onOpen: () => void }) {
  return (
    <button
      type="button"
      className={active ? 'button history-open active' : 'button history-open'}
      aria-current={active ? 'page' : undefined}
      onClick={onOpen}
    >
      History
    </button>
  );
}
