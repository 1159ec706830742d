// The menu button a page beside the sidebar (History, a transcript, Rooms, a room) shows on a narrow screen, where the
// session list is a drawer: it opens that drawer.
import { IconMenu } from './icons.js';

export function OpenSidebarButton({ onOpen }: { onOpen: () => void }) {
  return (
    <button type="button" className="icon-button only-narrow" aria-label="Open the session list" onClick={onOpen}>
      <IconMenu />
    </button>
  );
}
