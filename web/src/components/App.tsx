// The app shell: live state, routing, sidebar, banners and the open session. Layout only; logic lives in hooks.
import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionId } from '../../../src/shared/ids.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { NewSessionButton } from '../drive/NewSessionDialog.js';
import { useHistoryRoute } from '../history/route.js';
import { useHashRoute } from '../hooks/useHashRoute.js';
import { useLiveState } from '../hooks/useLiveState.js';
import { useMarkRead } from '../hooks/useMarkRead.js';
import { useNotifications } from '../hooks/useNotifications.js';
import { DaemonBanner } from '../live/DaemonBanner.js';
import { NotConnected } from '../pwa/NotConnected.js';
import { useRoomsRoute } from '../rooms/route.js';
import type { ReceivedPush } from '../store/applyPush.js';
import { type AppState, sortedSessions } from '../store/state.js';
import { EmptyState, SignedOut } from './EmptyState.js';
import { IntegrationBanner } from './IntegrationBanner.js';
import { SessionView } from './SessionView.js';
import { SettingsMenu } from './SettingsMenu.js';
import { Sidebar } from './Sidebar.js';
import { StorageBanner } from './StorageBanner.js';
import { ViewButton } from './ViewButton.js';

// History is its own chunk: most visits never open it, and the first page load stays small.
const HistoryView = lazy(() => import('../history/HistoryView.js').then((m) => ({ default: m.HistoryView })));
const RoomsView = lazy(() => import('../rooms/RoomsView.js').then((m) => ({ default: m.RoomsView })));
// Opened now and then from the settings menu: its own chunk too, out of the first load's script.
const SlashPromptsDialog = lazy(() => import('./SlashPromptsDialog.js').then((m) => ({ default: m.SlashPromptsDialog })));
// A push about another session re-renders the app (the sidebar shows it); the open session's view, its timeline
// included, renders again only when its own props change (the callbacks below are stable for that).
const OpenSession = memo(SessionView);

export function App() {
  const route = useHashRoute();
  const history = useHistoryRoute();
  const rooms = useRoomsRoute();
  const [drawer, setDrawer] = useState(false);
  const [slashDialog, setSlashDialog] = useState(false);
  // Notifications need the sessions, and live state needs the notifier: bridge them through a stable callback.
  const [notifyRef] = useState<{ current: (m: ReceivedPush, s: AppState) => void }>(() => ({ current: () => {} }));
  const live = useLiveState(route.sessionId, (m, s) => notifyRef.current(m, s));
  // A notification click opens its session the same way the sidebar does (closing the phone drawer too).
  const notifications = useNotifications(route.sessionId, (id) => openSession(id), live.state.sessions);
  notifyRef.current = notifications.onPush;

  const { state } = live;
  // Re-sorted only when the list changed, and then cheaply unless a time the order depends on changed.
  const order = useRef<SessionSummary[] | undefined>(undefined);
  const sessions = useMemo(() => (order.current = sortedSessions(state.sessions, order.current)), [state.sessions]);
  const selected = route.sessionId ? state.sessions[route.sessionId] : undefined;
  const content = route.sessionId ? state.details[route.sessionId] : undefined;
  const wasDeleted = route.sessionId !== null && state.deleted[route.sessionId] === true;

  const hasContent = content !== undefined;
  const known = selected !== undefined;
  const { loadDetail, loadEarlier } = live;
  // Only for sessions the list knows: a session deleted a moment ago must not be fetched again.
  useEffect(() => {
    if (route.sessionId && known && !hasContent && live.connection === 'live') void loadDetail(route.sessionId);
  }, [route.sessionId, known, hasContent, live.connection, loadDetail]);

  useMarkRead(selected);

  // Stable, so the sidebar's rows (memoised) do not re-render for a new callback.
  const { open } = route;
  const openSession = useCallback(
    (id: SessionId) => {
      open(id);
      setDrawer(false);
    },
    [open],
  );
  const closeDrawer = useCallback(() => setDrawer(false), []);
  const openDrawer = useCallback(() => setDrawer(true), []);
  const closeSession = useCallback(() => open(null), [open]);
  const openId = selected?.id;
  const showEarlier = useCallback(() => (openId ? loadEarlier(openId) : Promise.resolve()), [openId, loadEarlier]);

  // Opened with the server out of reach (the installed app's shell comes from the service worker): say so plainly.
  const [wasLive, setWasLive] = useState(false);
  useEffect(() => {
    if (live.connection === 'live') setWasLive(true);
  }, [live.connection]);

  if (live.connection === 'signed-out') return <SignedOut />;
  if (live.connection === 'reconnecting' && !wasLive) return <NotConnected />;

  return (
    <div className="app">
      <Sidebar
        sessions={sessions}
        selectedId={route.sessionId}
        connection={live.connection}
        open={drawer}
        onClose={closeDrawer}
        onSelect={openSession}
        settings={
          <>
            <NewSessionButton onCreated={openSession} />
            <ViewButton
              label="History"
              name="history"
              active={history.route !== null}
              onOpen={() => {
                history.go({ view: 'list' });
                setDrawer(false);
              }}
            />
            <ViewButton
              label="Rooms"
              name="rooms"
              active={rooms.route !== null}
              onOpen={() => {
                rooms.go({ view: 'list' });
                setDrawer(false);
              }}
            />
            <SettingsMenu notifications={notifications} onOpenSlashPrompts={() => setSlashDialog(true)} />
          </>
        }
      />
      <main className="main">
        {live.connection === 'reconnecting' && (
          <div className="banner offline" role="status">
            Disconnected from Codex Pro Max. Reconnecting… Changes made meanwhile appear once it is back.
          </div>
        )}
        {live.loadError && (
          <div className="banner error" role="alert">
            {live.loadError}
          </div>
        )}
        <StorageBanner />
        <IntegrationBanner />
        <DaemonBanner />
        {rooms.route ? (
          <Suspense fallback={<p className="history-loading">Opening Rooms…</p>}>
            <RoomsView route={rooms.route} go={rooms.go} sessions={state.sessions} onOpenSidebar={() => setDrawer(true)} />
          </Suspense>
        ) : history.route ? (
          <Suspense fallback={<p className="history-loading">Opening History…</p>}>
            <HistoryView route={history.route} go={history.go} sessions={state.sessions} onOpenSidebar={() => setDrawer(true)} />
          </Suspense>
        ) : selected ? (
          <OpenSession
            key={selected.id}
            session={selected}
            content={content}
            slashPrompts={state.slashPrompts}
            onOpenSidebar={openDrawer}
            onDeleted={closeSession}
            onShowEarlier={showEarlier}
          />
        ) : (
          <EmptyState
            onOpenSidebar={() => setDrawer(true)}
            message={
              wasDeleted
                ? 'This session was deleted. Pick another one from the list.'
                : route.sessionId && live.connection === 'live' && sessions.length > 0
                  ? 'This session does not exist any more. Pick another one from the list.'
                  : sessions.length === 0
                    ? 'No sessions yet. In Codex, ask it to work with Codex Pro Max: its conclusion appears here and you reply from this page.'
                    : 'Pick a session from the list to read Codex’s conclusion and send the next prompt.'
            }
          />
        )}
      </main>
      {slashDialog && (
        <Suspense fallback={null}>
          <SlashPromptsDialog prompts={state.slashPrompts} onClose={() => setSlashDialog(false)} />
        </Suspense>
      )}
    </div>
  );
}
