// "Carry on…": opens the dialog that carries a session's context into a new session. The dialog is its own chunk,
// loaded the first time it opens (like History), so the first page load stays small.
import { lazy, Suspense, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ContextSource } from '../../../src/shared/context.js';

const CarryDialog = lazy(() => import('./CarryDialog.js').then((m) => ({ default: m.CarryDialog })));

interface Props {
  /** The session or History thread the dialog starts from, and what to call it. */
  source: ContextSource;
  title: string;
  label?: string;
}

export function CarryButton({ source, title, label = 'Carry on…' }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        title="Carry this conversation's context into a new session (as it is, condensed by Codex, or as a fork)"
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      {open &&
        createPortal(
          <Suspense fallback={null}>
            <CarryDialog initial={[{ source, title }]} onClose={() => setOpen(false)} />
          </Suspense>,
          document.body,
        )}
    </>
  );
}
