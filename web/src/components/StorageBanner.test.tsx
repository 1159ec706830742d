// @vitest-environment happy-dom
// The storage banner appears from each of its three sources (a failed write's code, the push, /api/health after a
// reconnect) and goes when the server says it can save again.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionId } from '../../../src/shared/ids.js';
import { ApiError, api } from '../api.js';
import { pushBus } from '../lib/pushBus.js';
import { storageFaults } from '../lib/storageFault.js';
import { StorageBanner } from './StorageBanner.js';

const GONE = 'The database file /home/me/.codex-pro-max/codex-pro-max.sqlite3 was deleted while Codex Pro Max was running.';
/** A whole /api/health answer (the client decodes it against the shared contract), with the given storage status. */
const healthWith = (storage: unknown) => ({
  ok: true,
  service: 'codex-pro-max',
  version: '0.1.0',
  pid: 1,
  dataRoot: '/home/me/.codex-pro-max',
  codexHome: '/home/me/.codex',
  apiUrl: 'http://127.0.0.1:53127',
  uiUrl: 'http://127.0.0.1:53128',
  serverTimeIso: '2026-12-01T00:00:00.000Z',
  storage,
});
let health: unknown = healthWith({ ok: true });
let answer: [number, unknown] = [201, {}];

beforeEach(() => {
  health = healthWith({ ok: true });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const [status, body] = url === '/api/health' ? [200, health] : answer;
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
});
afterEach(() => {
  cleanup();
  storageFaults.apply({ kind: 'status', status: { ok: true } });
  vi.unstubAllGlobals();
});

const banner = () => screen.queryByRole('alert');

/** Renders and lets its first /api/health check answer. */
async function mount() {
  render(<StorageBanner />);
  await act(async () => {});
}

/** A write from anywhere in the UI (deleting a session answers just {ok:true}), with React's updates applied. */
async function write(): Promise<unknown> {
  let outcome: unknown;
  await act(async () => {
    outcome = await api.remove('s1' as SessionId).catch((e: unknown) => e);
  });
  return outcome;
}

describe('StorageBanner', () => {
  it('shows the server’s explanation when a write answers a storage code, and the error still reaches the caller', async () => {
    await mount();
    expect(banner()).toBeNull();
    answer = [503, { ok: false, error: GONE, code: 'database_gone' }];
    const error = await write();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'database_gone', message: GONE });
    expect(banner()?.textContent).toContain('Codex Pro Max lost its database.');
    expect(banner()?.textContent).toContain(GONE);
  });

  it('ignores errors that are not about storage', async () => {
    await mount();
    answer = [409, { ok: false, error: 'Too many queued prompts.', code: 'queue_full' }];
    expect(await write()).toBeInstanceOf(ApiError);
    expect(banner()).toBeNull();
  });

  it('shows the storage.failed push, and /api/health after a reconnect clears it once the server saves again', async () => {
    await mount();
    act(() => pushBus.emit({ type: 'storage.failed', code: 'database_gone', error: GONE, seq: 3 }));
    expect(banner()?.textContent).toContain(GONE);
    await act(async () => pushBus.resync());
    expect(banner()).toBeNull();
  });

  it('asks /api/health when it mounts, so a tab opened later still sees it', async () => {
    health = healthWith({ ok: false, code: 'database_gone', error: GONE });
    render(<StorageBanner />);
    expect((await screen.findByRole('alert')).textContent).toContain(GONE);
  });

  it('clears a full disk once a write goes through', async () => {
    await mount();
    answer = [507, { ok: false, error: 'The disk that holds the data folder is full.', code: 'disk_full' }];
    await write();
    expect(banner()?.textContent).toContain('The disk is full.');
    answer = [200, { ok: true, deleted: true, sessions: [] }];
    await write();
    expect(banner()).toBeNull();
  });
});
