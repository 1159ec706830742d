// The exact time a sidebar row's tooltip shows. Formatting a date the locale's way loads the browser's date data on
// first use (about 13 ms in Chromium), which would hold the first rows' paint for a tooltip nobody can point at yet:
// rows render without it, and every row gets it together in a task after the first frame that shows them.
import { useMemo, useSyncExternalStore } from 'react';
import { fullTime } from '../lib/time.js';

let formatting = false;
let scheduled = false;
const listeners = new Set<() => void>();

function startFormatting(): void {
  fullTime(new Date().toISOString());
  formatting = true;
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!formatting && !scheduled) {
    scheduled = true;
    // The frame callback runs before the frame is painted; the task it posts runs after.
    requestAnimationFrame(() => setTimeout(startFormatting, 0));
  }
  return () => listeners.delete(listener);
}

const isFormatting = () => formatting;

/** `fullTime(iso)`, or undefined until the first rows are on screen. */
export function useExactTime(iso: string): string | undefined {
  const ready = useSyncExternalStore(subscribe, isFormatting, isFormatting);
  return useMemo(() => (ready ? fullTime(iso) : undefined), [ready, iso]);
}
