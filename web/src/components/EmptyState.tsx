// What the main area shows with no session open, and the page shown when the browser is not signed in.
import { IconMenu } from './icons.js';

export function EmptyState({ message, onOpenSidebar }: { message: string; onOpenSidebar: () => void }) {
  return (
    <div className="empty-state">
      <button type="button" className="button only-narrow" onClick={onOpenSidebar}>
        <IconMenu /> <span>Sessions</span>
      </button>
      <p>{message}</p>
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
      <button type="button" className="button primary" onClick={() => location.reload()}>
        Try again
      </button>
    </div>
  );
}
