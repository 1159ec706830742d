// What the main area shows with no session open, and the page shown when the browser is not signed in.
import type { SessionId } from '../../../src/shared/ids.js';
import { NewSessionButton } from '../drive/NewSessionDialog.js';
import { IconMenu } from './icons.js';

// Opening goes through the URL hash, which the app's route follows, as a notification click does.
const openSession = (id: SessionId) => {
  location.hash = `#/s/${id}`;
};

export function EmptyState({ message, onOpenSidebar }: { message: string; onOpenSidebar: () => void }) {
  return (
    <div className="empty-state">
      <p>{message}</p>
      {/* On a phone the sidebar (and its New session) is a closed drawer, so the first screen offers both here. */}
      <div className="empty-state-actions only-narrow">
        <NewSessionButton onCreated={openSession} className="button primary" />
        <button type="button" className="button" onClick={onOpenSidebar}>
          <IconMenu /> <span>Sessions</span>
        </button>
      </div>
    </div>
  );
}

export function SignedOut() {
  return (
    <div className="signed-out">
      <h1>Sign in to Codex Pro Max</h1>
      <p>
        This browser is not signed in. Open the link that <code>npm start</code> printed, or run <code>npx codex-pro-max open</code> in the
        Codex Pro Max folder for a fresh one-time link.
      </p>
      <p>
        On a phone or another device, pair it instead: on the computer, open Settings → Pair a phone and scan the QR code, or{' '}
        <a href="/pair">open the pairing page</a> here and type the code shown there. A device that was removed must be paired again.
      </p>
      <button type="button" className="button primary" onClick={() => location.reload()}>
        Try again
      </button>
    </div>
  );
}
