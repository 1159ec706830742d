// The settings menu's Web Push part: turn notifications on for this device (phone or computer), choose which kinds
// arrive, and hide their content so a locked screen shows only the session's name.
import './pwa.css';
import { NOTIFICATION_KIND_LABEL, NOTIFICATION_KINDS } from '../../../src/shared/notifications.js';
import { usePushNotifications } from './usePushNotifications.js';

export function PushSettings() {
  const push = usePushNotifications();
  const { state } = push;
  const note =
    state.kind === 'unsupported'
      ? state.why
      : state.kind === 'off' && state.denied
        ? 'Blocked in the browser’s site settings; allow notifications there first.'
        : null;
  return (
    <fieldset className="menu-item push-settings">
      <legend>Push notifications</legend>
      <label>
        <input
          type="checkbox"
          checked={state.kind === 'on'}
          disabled={state.kind === 'unsupported' || state.kind === 'loading' || (state.kind === 'off' && state.denied)}
          onChange={(e) => void (e.target.checked ? push.enable() : push.disable())}
        />
        <span>
          On this device, even with the app closed
          {note && <small>{note}</small>}
        </span>
      </label>
      {state.kind === 'on' && (
        <>
          {NOTIFICATION_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" checked={state.settings.kinds[kind]} onChange={(e) => void push.setKind(kind, e.target.checked)} />
              <span>{NOTIFICATION_KIND_LABEL[kind]}</span>
            </label>
          ))}
          <label>
            <input type="checkbox" checked={state.settings.hideContent} onChange={(e) => void push.setHideContent(e.target.checked)} />
            <span>
              Hide content
              <small>Show only the session’s name, never what Codex wrote.</small>
            </span>
          </label>
        </>
      )}
      {push.error && (
        <small className="push-error" role="alert">
          {push.error}
        </small>
      )}
    </fieldset>
  );
}
