// Loads the snapshot, subscribes to /api/events (SSE, cookie auth) and folds ordered pushes into state.
// After a reconnect or a missed seq it reloads the snapshot; no polling. Pushes that arrive mid-load are replayed after it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { SessionId } from '../../../src/shared/ids.js';
import { pushEnvelopeSchema, pushMessageSchema } from '../../../src/shared/push.js';
import { ApiError, api } from '../api.js';
import { FIRST_SESSIONS } from '../boot.js';
import { pushBus } from '../lib/pushBus.js';
import { SnapshotBuffer } from '../lib/snapshotBuffer.js';
import { applyPush, type ReceivedPush, seqVerdict } from '../store/applyPush.js';
import { type AppState, applyDetail, applyEarlier, applySnapshot, initialState, type LoadedDetail } from '../store/state.js';
import { arrivedFirstPage, firstSessionPage, remainingSessions } from './sessionPages.js';

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'signed-out';

/** Entries per "show earlier" page: a few screens' worth, small enough to arrive at once. */
const EARLIER_PAGE = 100;

type Action =
  | { kind: 'push'; msg: ReceivedPush }
  | { kind: 'snapshot'; snapshot: Parameters<typeof applySnapshot>[1] }
  | { kind: 'detail'; loaded: LoadedDetail }
  | { kind: 'earlier'; sessionId: SessionId; page: Parameters<typeof applyEarlier>[2] };

function reducer(state: AppState, action: Action): AppState {
  switch (action.kind) {
    case 'push':
      return applyPush(state, action.msg);
    case 'snapshot':
      return applySnapshot(state, action.snapshot);
    case 'detail':
      return applyDetail(state, action.loaded);
    case 'earlier':
      return applyEarlier(state, action.sessionId, action.page);
  }
}

/** Decodes one SSE frame; anything that does not match the shared schema is dropped with a warning. */
export function decodePush(data: string): ReceivedPush | null {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    console.warn('Dropped a push that is not JSON', data.slice(0, 200));
    return null;
  }
  const numbered = typeof raw === 'object' && raw !== null && 'seq' in raw;
  const decoded = (numbered ? pushEnvelopeSchema : pushMessageSchema).safeParse(raw);
  if (!decoded.success) {
    console.warn('Dropped a push that does not match the schema', decoded.error.issues, raw);
    return null;
  }
  return decoded.data;
}

export interface LiveState {
  state: AppState;
  connection: Connection;
  /** Fetches one session's detail (when it is opened). */
  loadDetail(id: SessionId): Promise<void>;
  /** Fetches the page of a loaded session's timeline before the oldest entry held. */
  loadEarlier(id: SessionId): Promise<void>;
  /** Last error from loading, in words a person can act on. */
  loadError: string | null;
}

export function useLiveState(openSessionId: SessionId | null, onPush: (msg: ReceivedPush, state: AppState) => void): LiveState {
  // The early first page may be here before the first render: the list is then painted in it, not a render later.
  const [first] = useState(arrivedFirstPage);
  const [state, setState] = useState(() =>
    first ? applySnapshot(initialState, { sessions: first.sessions, slashPrompts: [], details: [] }) : initialState,
  );
  // The state with every action applied so far, even before React renders it: two pushes can arrive between renders
  // (a new session, then its conclusion), and the notifier must see the first when it handles the second.
  const latest = useRef(state);
  const frame = useRef<number | null>(null);
  /** Whether a list (the first page, or every page) is on screen: a reload after that waits for every page. */
  const listShown = useRef(first !== null);
  const dispatch = useCallback((action: Action) => {
    if (action.kind === 'snapshot') listShown.current = true;
    latest.current = reducer(latest.current, action);
    if (action.kind !== 'push') {
      setState(latest.current);
      return;
    }
    // Pushes render once per frame, however many arrived in it: with many busy sessions dozens land per frame, and a
    // render each would only delay the frame that shows them. Rendered synchronously in the frame's callback, so the
    // frame painted next already has them.
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      flushSync(() => setState(latest.current));
    });
  }, []);
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );
  const [connection, setConnection] = useState<Connection>('connecting');
  const [loadError, setLoadError] = useState<string | null>(null);
  const lastSeq = useRef(0);
  // Loads here do not replace each other (a session's detail and the full snapshot both count), so none is `replacing`.
  const [buffer] = useState(() => new SnapshotBuffer<ReceivedPush>());
  const openRef = useRef(openSessionId);
  openRef.current = openSessionId;
  const onPushRef = useRef(onPush);
  onPushRef.current = onPush;

  const deliver = useCallback(
    (msg: ReceivedPush) => {
      dispatch({ kind: 'push', msg });
      onPushRef.current(msg, latest.current);
    },
    [dispatch],
  );

  // Runs a load while holding pushes back, then replays them on top of the loaded data (pushes are idempotent).
  const guarded = useCallback(
    async (load: () => Promise<Action | null>) => {
      const ticket = buffer.begin();
      try {
        const action = await load();
        if (action) dispatch(action);
        setLoadError(null);
      } catch (error) {
        if (error instanceof ApiError && error.is('unauthorized')) setConnection('signed-out');
        else setLoadError(error instanceof Error ? error.message : String(error));
      } finally {
        for (const msg of buffer.end(ticket)) deliver(msg);
      }
    },
    [buffer, deliver, dispatch],
  );

  // The list comes in pages: on the first load the first page is shown at once (a screenful needs no more) while the
  // rest arrives; a reload shows nothing until it has every page, so a reconnect never empties the sidebar for a moment.
  // Pushes are held for the whole load and replayed on top, so a session that moves or goes meanwhile is right.
  const reloadSnapshot = useCallback(
    () =>
      guarded(async () => {
        const open = openRef.current;
        const [page, slashPrompts, detail] = await Promise.all([
          api.sessionPage(FIRST_SESSIONS, null),
          api.listSlashPrompts(),
          open
            ? api.getSession(open).catch((e: unknown) => (e instanceof ApiError && e.is('session_not_found') ? null : Promise.reject(e)))
            : null,
        ]);
        const details = detail ? [detail] : [];
        // Decided once this page is here, not when the load began: the early first page may have landed meanwhile.
        if (!listShown.current && page.next)
          dispatch({ kind: 'snapshot', snapshot: { sessions: [...page.sessions], slashPrompts, details } });
        const sessions = await remainingSessions(page.sessions, page.next);
        return { kind: 'snapshot', snapshot: { sessions, slashPrompts, details } };
      }),
    [guarded, dispatch],
  );

  const loadDetail = useCallback(
    (id: SessionId) =>
      guarded(async () => {
        try {
          return { kind: 'detail', loaded: await api.getSession(id) };
        } catch (error) {
          if (error instanceof ApiError && error.is('session_not_found')) return null;
          throw error;
        }
      }),
    [guarded],
  );

  // Older entries never conflict with pushes (those only append), so this load holds nothing back.
  const loadEarlier = useCallback(
    async (id: SessionId) => {
      const before = latest.current.details[id]?.timeline[0]?.seq;
      if (before === undefined) return;
      try {
        const page = await api.timelineBefore(id, before, EARLIER_PAGE);
        dispatch({ kind: 'earlier', sessionId: id, page: { before, entries: page.entries, hasEarlier: page.hasEarlier } });
      } catch (error) {
        if (error instanceof ApiError && error.is('unauthorized')) setConnection('signed-out');
        else if (!(error instanceof ApiError && error.is('session_not_found')))
          setLoadError(error instanceof Error ? error.message : String(error));
      }
    },
    [dispatch],
  );

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let closed = false;
    const connect = () => {
      source = new EventSource('/api/events');
      source.onmessage = (event: MessageEvent<string>) => {
        const msg = decodePush(event.data);
        if (!msg) return;
        if (msg.type === 'hello') {
          // Every (re)connect starts with hello: take its seq and reload what we may have missed.
          lastSeq.current = msg.seq ?? 0;
          setConnection('live');
          void reloadSnapshot();
          pushBus.resync();
          return;
        }
        const verdict = seqVerdict(lastSeq.current, msg);
        if (verdict === 'stale') return;
        if (msg.seq !== undefined) lastSeq.current = msg.seq;
        if (verdict === 'gap') {
          console.warn('Missed push messages; reloading the snapshot');
          void reloadSnapshot();
          pushBus.resync();
          return;
        }
        pushBus.emit(msg);
        if (!buffer.hold(msg)) deliver(msg);
      };
      source.onerror = () => {
        if (closed || !source) return;
        setConnection((c) => (c === 'signed-out' ? c : 'reconnecting'));
        // The browser retries by itself unless the server refused the stream outright (e.g. 401); then we retry.
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(() => {
            void api.sessionPage(1, null).then(
              () => connect(),
              (e: unknown) => (e instanceof ApiError && e.is('unauthorized') ? setConnection('signed-out') : connect()),
            );
          }, 2000);
        }
      };
    };
    connect();
    // The first page, asked for as the script started (boot.ts), is painted whether or not the event stream is up yet
    // (a round trip or more on a busy machine), unless the stream's own load has painted already; the stream's hello
    // loads the snapshot proper, holding pushes, so nothing that changes meanwhile is missed.
    void firstSessionPage().then(
      (page) => {
        if (closed || listShown.current) return;
        const { slashPrompts } = latest.current;
        dispatch({ kind: 'snapshot', snapshot: { sessions: page.sessions, slashPrompts, details: [] } });
      },
      () => {}, // the stream's own load reports what went wrong
    );
    return () => {
      closed = true;
      source?.close();
      if (retry) clearTimeout(retry);
    };
  }, [buffer, deliver, dispatch, reloadSnapshot]);

  return { state, connection, loadDetail, loadEarlier, loadError };
}
