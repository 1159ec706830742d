// The settings menu: desktop notifications (permission asked only here, on a click), sound, and slash prompts.
import { useEffect, useRef, useState } from 'react';
import type { Notifications } from '../hooks/useNotifications.js';
import { IconSettings } from './icons.js';

interface Props {
  notifications: Notifications;
  onOpenSlashPrompts: () => void;
}

export function SettingsMenu({ notifications: n, onOpenSlashPrompts }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
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
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              // The menu (and this item) goes away: focus its button first, so the dialog hands focus back there.
              toggle.current?.focus();
              setOpen(false);
              onOpenSlashPrompts();
            }}
          >
            Slash prompts…
          </button>
        </div>
      )}
    </div>
  );
}
