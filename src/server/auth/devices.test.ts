// A paired device's token is checked on every request; keeping what it verified must not outlive a revocation or
// show an old address.
import { expect, it } from 'vitest';
import { tempStore } from '../../../test/helpers/temp-store.js';
import type { Store } from '../../store/store.js';
import { DeviceRegistry } from './devices.js';

function openRegistry(): { store: Store; devices: DeviceRegistry } {
  const { store } = tempStore('devices');
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
