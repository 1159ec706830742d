// Loads a snapshot on mount and after every reconnect, and folds the tab's pushes into it; pushes that arrive while
// it loads are held and replayed on top (SnapshotBuffer), so an older snapshot never overwrites a newer push.
import { useEffect, useRef, useState } from 'react';
import { usePushes } from '../lib/pushBus.js';
import { SnapshotBuffer } from '../lib/snapshotBuffer.js';
import type { ReceivedPush } from '../store/applyPush.js';

export interface SnapshotSource<S, P> {
  /** What the view holds before the first snapshot lands. */
  initial: S;
  load(): Promise<S>;
  /** The push this view cares about, or null to ignore it. */
  select(msg: ReceivedPush): P | null;
  /** Folds one push in; must be idempotent, since a replayed push may already be in the snapshot. */
  apply(snapshot: S, push: P): S;
}

/** The live snapshot of `key` and the last load error (cleared by the next load that lands). */
export function useSnapshot<S, P>(key: string, source: SnapshotSource<S, P>): { snapshot: S; error: string | null } {
  const [snapshot, setSnapshot] = useState<S>(source.initial);
  const [error, setError] = useState<string | null>(null);
  const [buffer] = useState(() => new SnapshotBuffer<P>());
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const fold = (from: S, held: P[]) => held.reduce((acc, push) => sourceRef.current.apply(acc, push), from);
  usePushes(
    key,
    (msg) => {
      const push = sourceRef.current.select(msg);
      if (push === null || buffer.hold(push)) return;
      setSnapshot((s) => sourceRef.current.apply(s, push));
    },
    () => {
      // Each (re)load replaces the one before it: after a reconnect only the newest snapshot is worth showing.
      const ticket = buffer.begin(true);
      sourceRef.current.load().then(
        (loaded) => {
          if (!buffer.isCurrent(ticket)) return;
          const held = buffer.end(ticket);
          setSnapshot(fold(loaded, held));
          setError(null);
        },
        (e: unknown) => {
          if (!buffer.isCurrent(ticket)) return;
          // The view keeps what it had; the pushes held meanwhile are newer than that, so they still apply.
          const held = buffer.end(ticket);
          if (held.length > 0) setSnapshot((s) => fold(s, held));
          setError(e instanceof Error ? e.message : String(e));
        },
      );
    },
  );
  useEffect(() => () => buffer.clear(), [buffer]);
  return { snapshot, error };
}
