// The certificate and QR code libraries are loaded when a certificate is made or a phone paired, not with the modules
// that use them: every server imports those at start, and the libraries held ~4 MB of its heap.
import { expect, it, vi } from 'vitest';
import { tempDir } from '../../test/helpers/temp-store.js';

const loaded = vi.hoisted(() => new Set<string>());
vi.mock('selfsigned', async (original) => {
  loaded.add('selfsigned');
  return original();
});
vi.mock('qrcode', async (original) => {
  loaded.add('qrcode');
  return original();
});

it('importing the server loads neither; making a certificate loads selfsigned', async () => {
  const { certificateFor } = await import('./auth/tls.js');
  await import('./routes/devices.js');
  await import('./start.js');
  expect([...loaded]).toEqual([]);
  const made = await certificateFor(tempDir('tls'), ['127.0.0.1']);
  expect(made.source).toBe('generated');
  expect([...loaded]).toEqual(['selfsigned']);
});
