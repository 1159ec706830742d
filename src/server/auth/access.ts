// Everything about other devices that the routes share: paired devices, pending pairings, the addresses a phone can
// use, the certificate it will be shown, and each device's open connections (closed the moment it is revoked).
import type { ServerResponse } from 'node:http';
import type { Caller, DeviceId } from '../../shared/devices.js';
import type { Db } from '../../store/db.js';
import { DeviceRegistry } from './devices.js';
import type { AllowedHost } from './hosts.js';
import { PairingBook } from './pairing.js';

export interface PairingLink {
  /** Base URL, without a path. */
  base: string;
  via: string;
}

export class Access {
  readonly devices: DeviceRegistry;
  readonly pairing = new PairingBook();
  private remote: { base: string; fingerprint: string | null } | null = null;
  private readonly open = new Map<DeviceId, Set<ServerResponse>>();

  constructor(
    db: Db,
    private readonly allowedHosts: readonly AllowedHost[],
    /** Notes for the person running the server (wrong pairing codes, new devices). */
    readonly log: (line: string) => void,
  ) {
    this.devices = new DeviceRegistry(db);
    // Destroying the socket ends an event stream or a long poll at once; the device's next request gets 401.
    this.devices.onRevoked((id) => {
      for (const res of this.open.get(id) ?? []) res.socket?.destroy();
      this.open.delete(id);
    });
  }

  /** The listener for other devices, once it is up: its base URL and, for HTTPS, the certificate's fingerprint. */
  setRemote(base: string, fingerprint: string | null): void {
    this.remote = { base, fingerprint };
  }

  get fingerprint(): string | null {
    return this.remote?.fingerprint ?? null;
  }

  /** Where a phone can open the pairing page, best first: a proxy's name (a real certificate), then our own listener. */
  links(): PairingLink[] {
    const proxied = this.allowedHosts.map((h) => ({
      base: `https://${h.name}${h.port === null || h.port === 443 ? '' : `:${h.port}`}`,
      via: 'through Tailscale Serve or your HTTPS proxy',
    }));
    const direct = this.remote ? [{ base: this.remote.base, via: 'directly, over this computer’s own HTTPS listener' }] : [];
    return [...proxied, ...direct];
  }

  /** Keeps a device's response until it ends, so that revoking the device can close it. */
  track(caller: Caller | null, res: ServerResponse): void {
    if (caller?.kind !== 'device') return;
    const id = caller.deviceId;
    let set = this.open.get(id);
    if (!set) {
      set = new Set();
      this.open.set(id, set);
    }
    set.add(res);
    res.once('close', () => {
      set.delete(res);
      if (set.size === 0 && this.open.get(id) === set) this.open.delete(id);
    });
  }
}
