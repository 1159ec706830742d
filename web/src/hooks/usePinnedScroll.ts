// Keeps a scroll container at its bottom while the person reads the end, whatever changes the content's height
// (entries measured after their first paint, Markdown upgraded, a fold opened, the window resized). Only the person's
// own scrolling — wheel, touch, keys, dragging the scroll bar — unpins; a scroll event that layout caused never does,
// and reaching the bottom again pins.
import { type KeyboardEvent, type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState, type WheelEvent } from 'react';

/** Closer to the bottom than this counts as "at the bottom" (sub-pixel rounding and a last line half shown). */
const AT_BOTTOM_PX = 24;
/** How long after a wheel, key or touch a scroll event still counts as the person's (smooth and momentum scrolling). */
const INTENT_MS = 800;
const KEYS_UP = new Set(['ArrowUp', 'PageUp', 'Home']);

export interface PinnedScroll {
  /** Whether the view follows the end; false once the person scrolled away from it. */
  pinned: boolean;
  /** Back to the end, and following it again. */
  jump(): void;
  /** Spread on the scroll container. */
  handlers: {
    onScroll(): void;
    onWheel(e: WheelEvent): void;
    onKeyDown(e: KeyboardEvent): void;
    onTouchStart(): void;
    onPointerDown(e: { target: EventTarget; currentTarget: EventTarget }): void;
  };
}

export function usePinnedScroll(scroller: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>): PinnedScroll {
  const pinnedRef = useRef(true);
  const [pinned, setPinnedState] = useState(true);
  const intentUntil = useRef(0);
  const holding = useRef(false); // a finger on the screen, or the scroll bar being dragged

  const setPinned = useCallback((value: boolean) => {
    pinnedRef.current = value;
    setPinnedState(value);
  }, []);

  const stick = useCallback(() => {
    const el = scroller.current;
    if (el && pinnedRef.current) el.scrollTop = el.scrollHeight;
  }, [scroller]);

  // Any change of the content's or the container's size re-pins before the frame is painted (ResizeObserver callbacks
  // run after layout, before paint), so the end never shows as anything but the end.
  useLayoutEffect(() => {
    const observer = new ResizeObserver(stick);
    if (scroller.current) observer.observe(scroller.current);
    if (content.current) observer.observe(content.current);
    stick();
    return () => observer.disconnect();
  }, [scroller, content, stick]);

  useEffect(() => {
    const release = () => {
      if (!holding.current) return;
      holding.current = false;
      intentUntil.current = performance.now() + INTENT_MS;
    };
    window.addEventListener('pointerup', release);
    window.addEventListener('touchend', release);
    window.addEventListener('touchcancel', release);
    return () => {
      window.removeEventListener('pointerup', release);
      window.removeEventListener('touchend', release);
      window.removeEventListener('touchcancel', release);
    };
  }, []);

  const handlers: PinnedScroll['handlers'] = {
    onScroll() {
      const el = scroller.current;
      if (!el) return;
      const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
      if (fromBottom <= AT_BOTTOM_PX) {
        if (!pinnedRef.current) setPinned(true);
      } else if (holding.current || performance.now() < intentUntil.current) {
        if (pinnedRef.current) setPinned(false);
      } else {
        stick(); // moved by layout (content above resized, an item measured): back to the end if following it
      }
    },
    onWheel(e) {
      // Only upwards: a downward wheel at the end moves nothing, and must not let a layout shift unpin.
      if (e.deltaY < 0) intentUntil.current = performance.now() + INTENT_MS;
    },
    onKeyDown(e) {
      if (!KEYS_UP.has(e.key) && !(e.key === ' ' && e.shiftKey)) return;
      intentUntil.current = performance.now() + INTENT_MS;
    },
    onTouchStart() {
      holding.current = true;
    },
    onPointerDown(e) {
      // On the container itself, not an entry inside it: the scroll bar.
      if (e.target === e.currentTarget) holding.current = true;
    },
  };

  const jump = useCallback(() => {
    intentUntil.current = 0;
    setPinned(true);
    stick();
  }, [setPinned, stick]);

  return { pinned, jump, handlers };
}
