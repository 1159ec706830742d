// @vitest-environment happy-dom
// useSnapshot: pushes that land during a load are replayed on top of it; a replaced or unmounted load is ignored;
// a failed load keeps the view and still applies what arrived meanwhile.
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { pushBus } from '../lib/pushBus.js';
import { type SnapshotSource, useSnapshot } from './useSnapshot.js';

afterEach(cleanup);

/** Loads the test settles by hand, in any order. */
function loads() {
  const pending: { resolve: (v: string[]) => void; reject: (e: Error) => void }[] = [];
  const load = () => new Promise<string[]>((resolve, reject) => pending.push({ resolve, reject }));
  return { pending, load };
}

// Each push adds its sessionId as an item to a list; adding an item twice keeps one (pushes are idempotent).
const source = (load: () => Promise<string[]>): SnapshotSource<string[], string> => ({
  initial: [],
  load,
  select: (msg) => (msg.type === 'timeline.cleared' ? msg.sessionId : null),
  apply: (list, item) => (list.includes(item) ? list : [...list, item]),
});
const push = (item: string) => act(() => pushBus.emit({ type: 'timeline.cleared', sessionId: item }));

describe('useSnapshot', () => {
  it('replays pushes held during the load on top of the snapshot, once each', async () => {
    const { pending, load } = loads();
    const { result } = renderHook(() => useSnapshot('k', source(load)));
    push('b');
    push('a');
    await act(async () => pending[0]?.resolve(['a']));
    expect(result.current).toEqual({ snapshot: ['a', 'b'], error: null });
    push('c');
    expect(result.current.snapshot).toEqual(['a', 'b', 'c']);
  });

  it('a reload replaces the load before it: the older snapshot, landing late, is dropped', async () => {
    const { pending, load } = loads();
    const { result } = renderHook(() => useSnapshot('k', source(load)));
    act(() => pushBus.resync());
    push('x');
    await act(async () => pending[1]?.resolve(['new']));
    await act(async () => pending[0]?.resolve(['old']));
    expect(result.current.snapshot).toEqual(['new', 'x']);
  });

  it('a failed load keeps the view, reports the error and still applies what arrived meanwhile', async () => {
    const { pending, load } = loads();
    const { result } = renderHook(() => useSnapshot('k', source(load)));
    await act(async () => pending[0]?.resolve(['a']));
    act(() => pushBus.resync());
    push('b');
    await act(async () => pending[1]?.reject(new Error('offline')));
    expect(result.current).toEqual({ snapshot: ['a', 'b'], error: 'offline' });
    act(() => pushBus.resync());
    await act(async () => pending[2]?.resolve(['a', 'b']));
    expect(result.current.error).toBeNull();
  });

  it('ignores a load that lands after the view is gone', async () => {
    const { pending, load } = loads();
    const { result, unmount } = renderHook(() => useSnapshot('k', source(load)));
    unmount();
    await act(async () => pending[0]?.resolve(['late']));
    await waitFor(() => expect(result.current.snapshot).toEqual([]));
  });
});
