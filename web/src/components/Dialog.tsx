// A modal dialog with a title, a body and a footer of buttons. Keyboard rules come from useDialogFocus: focus moves to
// its first control (or the one marked data-autofocus), Tab stays inside, Escape closes, focus returns to the opener.
// A click on the backdrop (pressed and released outside the box) closes it too.
import { type ReactNode, useId, useRef } from 'react';
import { useDialogFocus } from '../hooks/useDialogFocus.js';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}

export function Dialog({ title, onClose, children, footer, wide }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // Only a press that starts on the backdrop counts, so selecting text inside and releasing outside keeps it open.
  const pressedOnBackdrop = useRef(false);
  useDialogFocus(box, onClose);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the backdrop click is a mouse shortcut; Escape is the keyboard way
    <div
      className="backdrop"
      onMouseDown={(e) => {
        pressedOnBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        if (pressedOnBackdrop.current && e.target === e.currentTarget) onClose();
        pressedOnBackdrop.current = false;
      }}
    >
      <div ref={box} className={wide ? 'dialog wide' : 'dialog'} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        {footer && <div className="dialog-footer">{footer}</div>}
      </div>
    </div>
  );
}

interface ConfirmProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Are you sure?" with the safe choice (Cancel) first and the action named on its button. */
export function ConfirmDialog({ title, message, confirmLabel, danger, onConfirm, onCancel }: ConfirmProps) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className={danger ? 'button danger primary' : 'button primary'} data-autofocus onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{message}</p>
    </Dialog>
  );
}
