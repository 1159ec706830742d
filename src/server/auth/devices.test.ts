// A paired device's token is checked on every request; keeping what it verified must not outlive a revocation or
// show an old address.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { SessionId } from '../../shared/ids.js';
import { Store } from '../../store/store.js';
import { DeviceRegistry } from './devices.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openRegistry(): { store: Store; devices: DeviceRegistry } {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-devices-'));
  dirs.push(dir);
  const store = Store.open(join(dir, 'db.sqlite3'), (id: SessionId) => join(dir, id));
  return { store, devices: new DeviceRegistry(store.db) };
}

it('refuses a token the moment its device is revoked, though it was just verified', () => {
  const { store, devices } = openRegistry();
  const phone = devices.pair('phone', '10.0.0.2');
  const tablet = devices.pair('tablet', '10.0.0.3');
  expect(devices.byToken(phone.token)?.id).toBe(phone.device.id);
  expect(devices.byToken(phone.token)?.id).toBe(phone.device.id);
  expect(devices.byToken(tablet.token)?.id).toBe(tablet.device.id);
  expect(devices.revoke(phone.device.id)).toBe(true);
  expect(devices.byToken(phone.token)).toBeNull();
  expect(devices.byToken(tablet.token)?.id).toBe(tablet.device.id);
  expect(devices.byToken(`${tablet.token}x`)).toBeNull();
  store.close();
});

it('shows the address and time a device was last seen from, not the ones it was first verified with', () => {
  const { store, devices } = openRegistry();
  const phone = devices.pair('phone', '10.0.0.2');
  const first = devices.byToken(phone.token);
  if (!first) throw new Error('the new device was not found');
  devices.touch(first, '10.0.0.9');
  expect(devices.byToken(phone.token)?.lastAddress).toBe('10.0.0.9');
  expect(devices.get(phone.device.id)?.lastAddress).toBe('10.0.0.9');
  store.close();
});
