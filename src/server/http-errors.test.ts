// Which SQLite codes are storage faults, and what each becomes (status and machine code).
import { describe, expect, it } from 'vitest';
import { storageFault } from './http-errors.js';

describe('storageFault', () => {
  it.each([
    ['SQLITE_FULL', 507, 'disk_full'],
    ['SQLITE_READONLY', 503, 'database_read_only'],
    ['SQLITE_READONLY_CANTLOCK', 503, 'database_read_only'],
    ['SQLITE_READONLY_DBMOVED', 503, 'database_gone'],
    ['SQLITE_IOERR', 503, 'database_io_error'],
    ['SQLITE_IOERR_WRITE', 503, 'database_io_error'],
  ])('%s → %i %s', (sqliteCode, status, code) => {
    expect(storageFault(sqliteCode)).toMatchObject({ status, code });
  });

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_BUSY', 'ENOENT'])('%s is not one', (code) => {
    expect(storageFault(code)).toBeNull();
  });

  it('names the SQLite code in the I/O error, so the log and the person see the same thing', () => {
    expect(storageFault('SQLITE_IOERR_FSYNC')?.message).toContain('SQLITE_IOERR_FSYNC');
  });
});
