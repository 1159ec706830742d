// The tab's one "the server cannot save" notice: set by a failed write's code, the storage.failed push, or
// /api/health; StorageBanner shows it. The rule for what replaces what is the pure nextStorageFault.
import { type StorageFaultCode, type StorageStatus, storageFaultCodeSchema } from '../../../src/shared/errors.js';

export interface StorageFault {
  code: StorageFaultCode;
  error: string;
}

export type StorageEvent =
  /** An error answer (or push) with this code; codes that are not storage faults are ignored. */
  | { kind: 'failed'; code: unknown; error: string }
  /** A write went through. */
  | { kind: 'saved' }
  /** The server's own view after a (re)connect; a restarted server may have a new, working database. */
  | { kind: 'status'; status: StorageStatus };

export function nextStorageFault(current: StorageFault | null, event: StorageEvent): StorageFault | null {
  switch (event.kind) {
    case 'failed': {
      const code = storageFaultCodeSchema.safeParse(event.code);
      return code.success ? { code: code.data, error: event.error } : current;
    }
    case 'saved':
      // A freed disk shows by a write succeeding; a lost database never comes back without a restart.
      return current?.code === 'database_gone' ? current : null;
    case 'status':
      return event.status.ok ? null : { code: event.status.code, error: event.status.error };
  }
}

let current: StorageFault | null = null;
const listeners = new Set<() => void>();

export const storageFaults = {
  apply(event: StorageEvent): void {
    const next = nextStorageFault(current, event);
    if (next === current || (next && current && next.code === current.code && next.error === current.error)) return;
    current = next;
    for (const listener of listeners) listener();
  },
  current: (): StorageFault | null => current,
  /** For useSyncExternalStore. */
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
