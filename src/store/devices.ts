// Paired devices: one row per device, found by the hash of its token. Knows nothing of cookies or HTTP; the hashing
// and the token itself belong to server/auth/devices.ts.
import type { Device, DeviceId } from '../shared/devices.js';
import { type Db, type Sql, statements } from './db.js';

interface DeviceRow {
  id: string;
  name: string;
  token_hash: string;
  paired_at: string;
  last_seen_at: string | null;
  last_address: string | null;
}

const toDevice = (r: DeviceRow): Device => ({
  id: r.id as DeviceId,
  name: r.name,
  pairedAt: r.paired_at,
  lastSeenAt: r.last_seen_at,
  lastAddress: r.last_address,
});

export class DeviceRepo {
  private readonly sql: Sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  /** Newest pairing first. */
  list(): Device[] {
    return (this.sql('SELECT * FROM devices ORDER BY paired_at DESC, id').all() as DeviceRow[]).map(toDevice);
  }

  get(id: DeviceId): Device | null {
    const row = this.sql('SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  byTokenHash(hash: string): Device | null {
    const row = this.sql('SELECT * FROM devices WHERE token_hash = ?').get(hash) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  create(device: { id: DeviceId; name: string; tokenHash: string; pairedAt: string; address: string | null }): Device {
    this.sql('INSERT INTO devices (id, name, token_hash, paired_at, last_seen_at, last_address) VALUES (?, ?, ?, ?, ?, ?)').run(
      device.id,
      device.name,
      device.tokenHash,
      device.pairedAt,
      device.pairedAt,
      device.address,
    );
    return this.get(device.id) as Device;
  }

  touch(id: DeviceId, at: string, address: string | null): void {
    this.sql('UPDATE devices SET last_seen_at = ?, last_address = ? WHERE id = ?').run(at, address, id);
  }

  /** True when a row was removed. */
  remove(id: DeviceId): boolean {
    return this.sql('DELETE FROM devices WHERE id = ?').run(id).changes > 0;
  }
}
