// Tells the person, and keeps telling them, when the server cannot save: its database was deleted or is read-only, or
// the disk is full. Drafts stay in this browser, so the banner says so; nothing here can be dismissed away.
import { useSyncExternalStore } from 'react';
import { api } from '../api.js';
import { usePushes } from '../lib/pushBus.js';
import { storageFaults } from '../lib/storageFault.js';
import { IconWarning } from './icons.js';

const TITLES = {
  database_gone: 'Codex Pro Max lost its database.',
  database_read_only: 'Codex Pro Max cannot write its database.',
  database_io_error: 'Codex Pro Max cannot write its database.',
  disk_full: 'The disk is full.',
  storage_not_writable: 'Codex Pro Max cannot write its data folder.',
} as const;

export function StorageBanner() {
  const fault = useSyncExternalStore(storageFaults.subscribe, storageFaults.current);
  usePushes(
    'storage',
    (msg) => {
      if (msg.type === 'storage.failed') storageFaults.apply({ kind: 'failed', code: msg.code, error: msg.error });
    },
    // After every (re)connect: the server may have noticed meanwhile, or restarted with a working database.
    () => {
      api.storageStatus().then(
        (status) => storageFaults.apply({ kind: 'status', status }),
        (error: unknown) => console.warn('Storage check failed', error),
      );
    },
  );
  if (!fault) return null;
  return (
    <div className="banner error" role="alert" data-storage-fault={fault.code}>
      <IconWarning />
      <div className="banner-body">
        <strong>{TITLES[fault.code]}</strong> <span>{fault.error}</span>
      </div>
    </div>
  );
}
