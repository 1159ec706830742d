// The settings menu: desktop notifications (permission asked only here, on a click), sound, the theme, slash prompts
// pairing a phone, and the keyboard shortcuts (whose "?" key it also listens for, being always mounted).
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Notifications } from '../hooks/useNotifications.js';
import { useStoredState } from '../hooks/useStoredState.js';
import { applyStoredTheme, THEME_CHOICES, THEME_KEY, THEME_LABEL, type ThemeChoice } from '../lib/theme.js';
import { PushSettings } from '../pwa/PushSettings.js';
import { IconSettings } from './icons.js';
import { ShortcutsDialog, useShortcutsKey } from './ShortcutsDialog.js';

// Pairing (and its QR code) is loaded when the dialog first opens.
const PairDialog = lazy(() => import('../devices/PairDialog.js').then((m) => ({ default: m.PairDialog })));

interface Props {
  notifications: Notifications;
  onOpenSlashPrompts: () => void;
}

export function SettingsMenu({ notifications: n, onOpenSlashPrompts }: Props) {
  const [open, setOpen] = useState(false);
  const [shortcuts, setShortcuts] = useState(false);
  const [pairing, setPairing] = useState(false);
  const [theme, setTheme] = useStoredState<ThemeChoice>(THEME_KEY, 'system');
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useShortcutsKey(useCallback(() => setShortcuts(true), []));
  const chooseTheme = (choice: ThemeChoice) => {
    setTheme(choice);
    applyStoredTheme(choice);
  };
  /** Closes the menu before a dialog opens; its button gets focus first, so the dialog hands focus back there. */
  const openDialog = (show: () => void) => {
    toggle.current?.focus();
    setOpen(false);
    show();
  };
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const permissionNote =
    n.permission === 'denied'
      ? 'Blocked in the browser’s site settings; allow notifications there first.'
      : n.permission === 'unsupported'
        ? 'This browser does not support desktop notifications.'
        : null;

  return (
    <div className="settings" ref={root}>
      <button ref={toggle} type="button" className="button settings-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <IconSettings /> <span>Settings</span>
      </button>
      {open && (
        <div className="menu">
          <label className="menu-item">
            <input
              type="checkbox"
              checked={n.enabled}
              disabled={n.permission === 'denied' || n.permission === 'unsupported'}
              onChange={(e) => (e.target.checked ? void n.enable() : n.disable())}
            />
            <span>
              Desktop notification when Codex waits for you
              {permissionNote && <small>{permissionNote}</small>}
            </span>
          </label>
          <label className="menu-item">
            <input type="checkbox" checked={n.sound} onChange={(e) => n.setSound(e.target.checked)} />
            <span>Play a sound when Codex waits for you</span>
          </label>
          <PushSettings />
          <fieldset className="menu-item theme-choice">
            <legend>Theme</legend>
            {THEME_CHOICES.map((choice) => (
              <label key={choice}>
                <input type="radio" name="cpm-theme" value={choice} checked={theme === choice} onChange={() => chooseTheme(choice)} />
                {THEME_LABEL[choice]}
              </label>
            ))}
          </fieldset>
          <button type="button" className="menu-item" onClick={() => openDialog(onOpenSlashPrompts)}>
            Slash prompts…
          </button>
          <button type="button" className="menu-item" onClick={() => openDialog(() => setPairing(true))}>
            Pair a phone…
          </button>
          <button type="button" className="menu-item" onClick={() => openDialog(() => setShortcuts(true))}>
            Keyboard shortcuts… <kbd>?</kbd>
          </button>
        </div>
      )}
      {/* Into the body: this menu lives in the sidebar, which on a phone is a hidden drawer when "?" is pressed. */}
      {shortcuts && createPortal(<ShortcutsDialog onClose={() => setShortcuts(false)} />, document.body)}
      {pairing &&
        createPortal(
          <Suspense fallback={null}>
            <PairDialog onClose={() => setPairing(false)} />
          </Suspense>,
          document.body,
        )}
    </div>
  );
}
