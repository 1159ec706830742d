// Short messages in a corner (errors mostly), announced to screen readers. One provider at the app root.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
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
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>(
    (text, kind = 'error') => {
      const id = ++next;
      setToasts((all) => [...all.slice(-3), { id, text, kind }]);
      setTimeout(() => dismiss(id), kind === 'error' ? 8000 : 4000);
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
