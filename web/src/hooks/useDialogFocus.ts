// Keyboard behaviour for a modal dialog: focus moves in when it opens (to [data-autofocus] or the first control),
// Tab and Shift+Tab wrap inside it, Escape closes it, and focus goes back to whatever had it before (the opener).
// Only the topmost open dialog reacts, so a confirmation on top of another dialog behaves the same way.
import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The elements Tab visits inside `root`, in order: visible, enabled, and one radio per group. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter((el) => {
    if (el.tabIndex < 0 || el.getClientRects().length === 0 || el.closest('[inert]')) return false;
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name && !el.checked) {
      // Tab stops at the checked radio of a group, or at its first one when none is checked.
      const group = Array.from(root.querySelectorAll<HTMLInputElement>('input[type="radio"]')).filter((r) => r.name === el.name);
      return !group.some((r) => r.checked) && group[0] === el;
    }
    return true;
  });
}

const stack: RefObject<HTMLElement | null>[] = [];

export function useDialogFocus(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  const close = useRef(onClose);
  close.current = onClose;

  // Layout effect: record the opener and move focus before the dialog is painted.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    stack.push(ref);
    if (root) (root.querySelector<HTMLElement>('[data-autofocus]') ?? tabbables(root)[0] ?? root).focus();
    return () => {
      stack.splice(stack.indexOf(ref), 1);
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);

  useEffect(() => {
    const isTop = () => stack[stack.length - 1] === ref;
    // Bubble phase: a control inside the dialog that handles Escape or Tab itself (and prevents the default) wins.
    const onKeyDown = (e: KeyboardEvent) => {
      const root = ref.current;
      if (!root || !isTop() || e.defaultPrevented) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const stops = tabbables(root);
      const first = stops[0];
      const last = stops[stops.length - 1];
      if (!first || !last) {
        e.preventDefault();
        root.focus();
        return;
      }
      const active = document.activeElement;
      const inside = active instanceof Node && root.contains(active) && active !== root;
      if (e.shiftKey && (!inside || active === first)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (!inside || active === last)) {
        e.preventDefault();
        first.focus();
      }
    };
    // Focus that lands outside (a click on the page behind, a script) is brought back in.
    const onFocusIn = (e: FocusEvent) => {
      const root = ref.current;
      if (root && isTop() && e.target instanceof Node && !root.contains(e.target)) (tabbables(root)[0] ?? root).focus();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [ref]);
}
