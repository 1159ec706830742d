// One event stream per tab: useLiveState owns the EventSource and re-publishes each decoded push here, so feature
// hooks (rollout, drive) never open streams of their own (browsers allow only ~6 connections per host).
import { useEffect, useRef } from 'react';
import type { ReceivedPush } from '../store/applyPush.js';

type Listener = (msg: ReceivedPush) => void;

const listeners = new Set<Listener>();
const resyncListeners = new Set<() => void>();

export const pushBus = {
  emit(msg: ReceivedPush): void {
    for (const listener of listeners) listener(msg);
  },
  /** After a (re)connect or a missed push: every subscriber reloads its snapshot. */
  resync(): void {
    for (const listener of resyncListeners) listener();
  },
  subscribe(onPush: Listener, onResync: () => void): () => void {
    listeners.add(onPush);
    resyncListeners.add(onResync);
    return () => {
      listeners.delete(onPush);
      resyncListeners.delete(onResync);
    };
  },
};

/** Calls `onResync` now and after every reconnect, and `onPush` for each live push, while `key` stays the same. */
export function usePushes(key: string, onPush: Listener, onResync: () => void): void {
  const pushRef = useRef(onPush);
  pushRef.current = onPush;
  const resyncRef = useRef(onResync);
  resyncRef.current = onResync;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key (another session) must reload and resubscribe
  useEffect(() => {
    resyncRef.current();
    return pushBus.subscribe(
      (msg) => pushRef.current(msg),
      () => resyncRef.current(),
    );
  }, [key]);
}
