// Desktop notifications, the optional chime and the waiting count in the tab title.
// Permission is only ever requested from a click in the settings menu, never on load.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionId } from '../../../src/shared/ids.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { approvalNotice, conclusionNotice, tabTitle, waitingCount } from '../lib/notify.js';
import { playChime } from '../lib/sound.js';
import { approvalCount } from '../live/model.js';
import type { ReceivedPush } from '../store/applyPush.js';
import type { AppState } from '../store/state.js';
import { useStoredState } from './useStoredState.js';

export type Permission = NotificationPermission | 'unsupported';

export interface Notifications {
  permission: Permission;
  enabled: boolean;
  sound: boolean;
  /** Must be called from a click: asks the browser for permission and turns notifications on. */
  enable(): Promise<void>;
  disable(): void;
  setSound(on: boolean): void;
  onPush(msg: ReceivedPush, state: AppState): void;
}

const permissionNow = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

export function useNotifications(
  openSessionId: SessionId | null,
  openSession: (id: SessionId) => void,
  sessions: Record<string, SessionSummary>,
): Notifications {
  const [enabled, setEnabled] = useStoredState('cpm.notify', false);
  const [sound, setSoundStored] = useStoredState('cpm.sound', false);
  const [permission, setPermission] = useState<Permission>(permissionNow);
  // Permission can change outside the page (the browser's site settings, its address-bar prompt): follow it, so the
  // settings checkbox is usable again without a reload.
  useEffect(() => {
    const refresh = () => setPermission(permissionNow());
    let status: PermissionStatus | null = null;
    // The status's own state, which is current when its change event runs (Notification.permission agrees with it).
    const fromStatus = () => {
      if (status && typeof Notification !== 'undefined') setPermission(status.state === 'prompt' ? 'default' : status.state);
    };
    navigator.permissions?.query({ name: 'notifications' }).then(
      (s) => {
        status = s;
        s.addEventListener('change', fromStatus);
      },
      () => {},
    );
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      status?.removeEventListener('change', fromStatus);
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, []);
  const context = useRef({ openSessionId, openSession, enabled, sound });
  context.current = { openSessionId, openSession, enabled, sound };

  const waiting = waitingCount(sessions);
  const approvals = approvalCount(sessions);
  useEffect(() => {
    document.title = tabTitle(waiting, approvals);
  }, [waiting, approvals]);

  const enable = useCallback(async () => {
    if (typeof Notification === 'undefined') return setPermission('unsupported');
    const result = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    setPermission(result);
    setEnabled(result === 'granted');
  }, [setEnabled]);

  const onPush = useCallback((msg: ReceivedPush, state: AppState) => {
    const ctx = context.current;
    const viewing = { sessionId: ctx.openSessionId, visible: document.visibilityState === 'visible' && document.hasFocus() };
    const notice = conclusionNotice(msg, state, viewing) ?? approvalNotice(msg, state, viewing);
    if (!notice) return;
    if (ctx.sound) playChime();
    if (!ctx.enabled || permissionNow() !== 'granted') return;
    try {
      const n = new Notification(notice.title, { body: notice.body, tag: notice.tag ?? `cpm-${notice.sessionId}` });
      n.onclick = () => {
        window.focus();
        ctx.openSession(notice.sessionId as SessionId);
        n.close();
      };
    } catch {
      // Some browsers only allow notifications from a service worker; the title count still shows.
    }
  }, []);

  return {
    permission,
    enabled: enabled && permission === 'granted',
    sound,
    enable,
    disable: () => setEnabled(false),
    setSound: (on: boolean) => {
      setSoundStored(on);
      if (on) playChime();
    },
    onPush,
  };
}
