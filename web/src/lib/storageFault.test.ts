// Which storage notice a tab shows: each event applied to each starting notice, as a table.
import { describe, expect, it } from 'vitest';
import { nextStorageFault, type StorageEvent, type StorageFault } from './storageFault.js';

const gone: StorageFault = { code: 'database_gone', error: 'The database file was deleted.' };
const full: StorageFault = { code: 'disk_full', error: 'The disk is full.' };

const cases: [string, StorageFault | null, StorageEvent, StorageFault | null][] = [
  ['a storage code sets the notice', null, { kind: 'failed', code: 'disk_full', error: full.error }, full],
  ['a later fault replaces an earlier one', full, { kind: 'failed', code: 'database_gone', error: gone.error }, gone],
  ['other error codes leave it alone', full, { kind: 'failed', code: 'queue_full', error: 'Too many.' }, full],
  ['an answer without a code leaves it alone', null, { kind: 'failed', code: undefined, error: 'x' }, null],
  ['a saved write clears a full disk', full, { kind: 'saved' }, null],
  ['a saved write cannot bring a lost database back', gone, { kind: 'saved' }, gone],
  ['the server saying all is well clears even a lost database (it restarted)', gone, { kind: 'status', status: { ok: true } }, null],
  ['the server saying it lost the database sets it', null, { kind: 'status', status: { ok: false, ...gone } }, gone],
];

describe('nextStorageFault', () => {
  it.each(cases)('%s', (_name, current, event, expected) => {
    expect(nextStorageFault(current, event)).toEqual(expected);
  });
});
