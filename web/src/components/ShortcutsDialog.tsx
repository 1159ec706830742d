// The list of keyboard shortcuts, opened with "?" anywhere outside a text field, or from Settings.
import { useEffect } from 'react';
import { Dialog } from './Dialog.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

/** What each key does, grouped by where it works. */
export const SHORTCUTS: { where: string; keys: { keys: string[]; does: string }[] }[] = [
  {
    where: 'Writing a prompt',
    keys: [
      { keys: [MOD, 'Enter'], does: 'Send the prompt' },
      { keys: ['Enter'], does: 'New line' },
      { keys: ['/'], does: 'Insert a saved slash prompt' },
      { keys: ['@'], does: 'Mention an attached file' },
      { keys: ['Up', 'Down'], does: 'Move through the suggestions' },
      { keys: ['Tab'], does: 'Insert the highlighted suggestion (Enter does too)' },
      { keys: ['Esc'], does: 'Close the suggestions' },
    ],
  },
  {
    where: 'Queued prompts and dialogs',
    keys: [
      { keys: [MOD, 'Enter'], does: 'Save an edited queued prompt, or start a New session' },
      { keys: ['Esc'], does: 'Cancel the edit, or close the dialog' },
    ],
  },
  { where: 'Anywhere', keys: [{ keys: ['?'], does: 'Show this list' }] },
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={onClose}
      footer={
        <button type="button" className="button" data-autofocus onClick={onClose}>
          Close
        </button>
      }
    >
      {SHORTCUTS.map((group) => (
        <section key={group.where} className="shortcuts">
          <h3>{group.where}</h3>
          <dl>
            {group.keys.map((k) => (
              <div key={k.does} className="shortcut">
                <dt>
                  {k.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && (k.keys[0] === MOD ? '+' : ' ')}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{k.does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}

/** True when a key press goes to something the person types into, where "?" is just a character. */
function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.tagName) return false;
  return (
    el.isContentEditable ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((el as HTMLInputElement).type))
  );
}

/** Calls `open` when "?" is pressed outside a text field and no dialog is open. */
export function useShortcutsKey(open: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      e.preventDefault();
      open();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
}
