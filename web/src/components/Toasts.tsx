// Short messages in a corner (errors mostly), announced to screen readers. One provider at the app root.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { IconX } from './icons.js';

interface Toast {
  id: number;
  text: string;
  kind: 'error' | 'info';
}

type Notify = (text: string, kind?: Toast['kind']) => void;
const ToastContext = createContext<Notify>(() => {});

let next = 0;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((all) => all.filter((t) => t.id !== id));
  }, []);
  const shown = useRef<Toast[]>([]);
  shown.current = toasts;
  const notify = useCallback<Notify>(
    (text, kind = 'error') => {
      // The same words already on screen (one failure reported by two callers, or a repeated click) show once,
      // for longer, instead of stacking up copies.
      const same = shown.current.find((t) => t.text === text && t.kind === kind);
      const id = same?.id ?? ++next;
      clearTimeout(timers.current.get(id));
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), kind === 'error' ? 8000 : 4000),
      );
      if (same) return;
      const toast = { id, text, kind };
      shown.current = [...shown.current.slice(-3), toast];
      setToasts((all) => [...all.slice(-3), toast]);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" aria-live="assertive">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
            <span>{t.text}</span>
            <button type="button" className="icon-button small" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              <IconX />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** Shows a toast; pass an Error or text. */
export function useToast(): (message: unknown, kind?: Toast['kind']) => void {
  const notify = useContext(ToastContext);
  return useCallback(
    (message: unknown, kind?: Toast['kind']) => notify(message instanceof Error ? message.message : String(message), kind),
    [notify],
  );
}
