// The state of a form that sends one request: busy while it runs, and the error in words when it failed (then the
// form can be sent again). On success it stays busy: the caller's success path closes the form.
import { useState } from 'react';

export function useSubmitting() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Runs `send` once, marking the form busy and keeping any error it throws for the form to show. */
  const submitting = async (send: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await send();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return { busy, error, submitting };
}
