// Paired devices as the rest of the server sees them: issue a device its token, find a device by token, note when it
// was last seen, revoke it (and tell whoever holds its connections). The token itself is never stored.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Device, DeviceId } from '../../shared/devices.js';
import type { Db } from '../../store/db.js';
import { DeviceRepo } from '../../store/devices.js';

export type { Device, DeviceId };

/** How often a device's "last seen" is written at most: once a minute is enough for a person, and spares a write per request. */
const TOUCH_EVERY_MS = 60_000;

// The token is 256 random bits, so a plain SHA-256 cannot be reversed by guessing: a slow password hash would only cost
// time on every request. What the hash buys is that the database alone (a backup, a copy) does not let anyone in.
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class DeviceRegistry {
  private readonly repo: DeviceRepo;
  private readonly revokedListeners = new Set<(id: DeviceId) => void>();
  private readonly lastTouch = new Map<DeviceId, number>();
  // Every request from a phone carries its token: the device it names is kept by the token's hash (never the token),
  // so a request costs one hash and no query. Only revoke() removes a device, and it drops its entries first.
  private readonly verified = new Map<string, Device>();

  constructor(db: Db) {
    this.repo = new DeviceRepo(db);
  }

  /** Every paired device, newest pairing first. */
  list(): Device[] {
    return this.repo.list();
  }

  get(id: DeviceId): Device | null {
    return this.repo.get(id);
  }

  /** Records a new device and returns it with its token: the only time the token exists outside the device's cookie. */
  pair(name: string, address: string | null): { device: Device; token: string } {
    const token = randomBytes(32).toString('base64url');
    const device = this.repo.create({
      id: randomUUID() as DeviceId,
      name,
      tokenHash: hashToken(token),
      pairedAt: new Date().toISOString(),
      address,
    });
    return { device, token };
  }

  /** The device this token belongs to, or null (never paired, or revoked). */
  byToken(token: string | null | undefined): Device | null {
    if (!token || token.length > 200) return null;
    const hash = hashToken(token);
    const known = this.verified.get(hash);
    if (known) return known;
    const device = this.repo.byTokenHash(hash);
    if (device) this.verified.set(hash, device);
    return device;
  }

  /** Notes a request from the device; written at most once a minute, and never fails the request it came with. */
  touch(device: Device, address: string | null): void {
    const now = Date.now();
    const last = this.lastTouch.get(device.id) ?? 0;
    if (now - last < TOUCH_EVERY_MS && address === device.lastAddress) return;
    this.lastTouch.set(device.id, now);
    const seenAt = new Date(now).toISOString();
    for (const [hash, known] of this.verified) {
      if (known.id === device.id) this.verified.set(hash, { ...known, lastSeenAt: seenAt, lastAddress: address });
    }
    try {
      this.repo.touch(device.id, seenAt, address);
    } catch {
      // A database that cannot be written answers the request's own write; "last seen" is not worth failing a read for.
    }
  }

  /** Forgets the device: its cookie stops working at once and its open connections are closed by the listeners. */
  revoke(id: DeviceId): boolean {
    for (const [hash, known] of this.verified) if (known.id === id) this.verified.delete(hash);
    const removed = this.repo.remove(id);
    this.lastTouch.delete(id);
    if (removed) for (const listener of [...this.revokedListeners]) listener(id);
    return removed;
  }

  /** Called with a device's id right after it was revoked; returns an unsubscribe function. */
  onRevoked(listener: (id: DeviceId) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }
}
