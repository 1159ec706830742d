// Calls for pairing a phone and the paired devices list, decoded through the shared contract like every other call.
import { api as endpoints } from '../../../src/shared/api.js';
import type { Caller, Device, DeviceId, Pairing } from '../../../src/shared/devices.js';
import { call } from '../api.js';

export const devicesApi = {
  /** A fresh one-time pairing (QR code and short code); refused to a paired device (`pairing_needs_owner`). */
  createPairing: async (): Promise<Pairing> => (await call(endpoints.createPairing)).pairing,
  list: async (): Promise<{ devices: Device[]; you: Caller }> => call(endpoints.listDevices),
  revoke: async (id: DeviceId): Promise<Device[]> => (await call(endpoints.revokeDevice, { deviceId: id })).devices,
};
