// Delivery on its own, for its unit tests: a real SQLite store in a temp folder, a subscriber that records every
// change, and sessions brought to a status through intents only. No HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { SessionChange } from '../../src/delivery/changes.js';
import { Delivery } from '../../src/delivery/delivery.js';
import type { SessionId, ThreadId } from '../../src/shared/ids.js';
import type { SessionStatus } from '../../src/shared/schemas.js';
import { Store } from '../../src/store/store.js';

export const STATUSES: SessionStatus[] = ['RUNNING', 'WAITING_FOR_INSTRUCTION', 'STOPPED', 'ERROR'];

/** Every thread id a kit makes starts so: `Codex thread ${THREAD_PREFIX}` is a default title. */
export const THREAD_PREFIX = '019a0000';

export interface DeliveryKit {
  store: Store;
  delivery: Delivery;
  /** Every change since the kit opened (or the last drain), in order. */
  changes: SessionChange[];
  newThread(): ThreadId;
  /** The changes since the last call, each as its type and the parts it carried; empties the record. */
  drain(): string[];
  /** An attached session in `status`, reached through intents only; the changes that took are drained. */
  attachedIn(status: SessionStatus): { id: SessionId; thread: ThreadId };
  close(): void;
}

/** `presenceGraceMs`: how long a dropped wait may go unanswered before presence changes (see Delivery). */
export function deliveryKit(options: { presenceGraceMs?: number } = {}): DeliveryKit {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-delivery-'));
  const store = Store.open(join(dir, 'db.sqlite3'), (id) => join(dir, 'attachments', id));
  const delivery = new Delivery(store, options);
  const changes: SessionChange[] = [];
  delivery.subscribe((change) => changes.push(change));
  let threads = 0;
  const kit: DeliveryKit = {
    store,
    delivery,
    changes,
    newThread: () => `${THREAD_PREFIX}-0000-7000-8000-${String(++threads).padStart(12, '0')}` as ThreadId,
    drain() {
      const parts = ['session', 'queue', 'entry', 'attachments', 'approval'] as const;
      const out = changes.map((c) => [c.type, ...parts.filter((k) => c[k])].join(' '));
      changes.length = 0;
      return out;
    },
    attachedIn(status) {
      const thread = kit.newThread();
      const { id } = delivery.attach(thread);
      if (status === 'WAITING_FOR_INSTRUCTION') delivery.conclude(thread, 'done');
      if (status === 'STOPPED') delivery.stop(id);
      if (status === 'ERROR') delivery.settleDrivenTurn(id, 'failed', 'it broke');
      expect(delivery.summary(id).status).toBe(status);
      kit.drain();
      return { id, thread };
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return kit;
}

/** A fresh kit for every test of the file: `bind` gets it before each test, and it is closed after. */
export function freshDeliveryKit(bind: (kit: DeliveryKit) => void, options: { presenceGraceMs?: number } = {}): void {
  let kit: DeliveryKit | null = null;
  beforeEach(() => {
    kit = deliveryKit(options);
    bind(kit);
  });
  afterEach(() => kit?.close());
}
