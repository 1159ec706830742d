// @vitest-environment happy-dom
// The settings menu's push part against a stand-in PushManager and server: turning it on asks for permission once (on
// the click), subscribes with the server's VAPID key and registers the subscription; a kind turned off and hidden
// content are sent as that subscription's settings; turning it off unsubscribes and deletes it on the server.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PushSettings } from './PushSettings.js';

const KEY = 'BLc4xRzKlKORKWlbdgFaBrrPK3ydWAHo4M0gs0i1oEKgPpWC5cW8OCzVrOQRv-1npXRWk8udnW3oAhz6ShaO3Uw';
const browserSub = {
  endpoint: 'https://push.example.net/send/abc',
  expirationTime: null,
  keys: { p256dh: 'BPp256dhkey', auth: 'authsecret' },
};
let calls: { method: string; url: string; body: unknown }[];
let subscribed: unknown;
let unsubscribed: boolean;
const settings = { kinds: { waiting: true, approval: true, failed: true, done: true }, hideContent: false };
const info = (s: typeof settings) => ({
  id: 'sub-1',
  deviceId: null,
  service: 'push.example.net',
  createdAt: 'now',
  lastSentAt: null,
  settings: s,
});

beforeEach(() => {
  calls = [];
  subscribed = null;
  unsubscribed = false;
  localStorage.clear();
  const pushManager = {
    getSubscription: async () => (subscribed ? { toJSON: () => browserSub, unsubscribe: async () => (unsubscribed = true) } : null),
    subscribe: async (options: unknown) => {
      subscribed = options;
      return { toJSON: () => browserSub, unsubscribe: async () => (unsubscribed = true) };
    },
  };
  vi.stubGlobal('isSecureContext', true);
  vi.stubGlobal('PushManager', class {});
  Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: { ready: Promise.resolve({ pushManager }) } });
  const requestPermission = vi.fn(async () => 'granted');
  vi.stubGlobal('Notification', { permission: 'default', requestPermission });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, url, body });
      const answer =
        url === '/api/notifications/key'
          ? { ok: true, publicKey: KEY }
          : method === 'POST'
            ? { ok: true, subscription: info(settings) }
            : method === 'PATCH'
              ? { ok: true, subscription: info({ kinds: { ...settings.kinds, ...body.kinds }, hideContent: body.hideContent ?? false }) }
              : method === 'DELETE'
                ? { ok: true, deleted: true }
                : { ok: true, subscriptions: [] };
      return new Response(JSON.stringify(answer), {
        status: method === 'POST' ? 201 : 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('PushSettings', () => {
  it('subscribes on a click, sends settings changes, and unsubscribes', async () => {
    render(<PushSettings />);
    const main = await screen.findByRole('checkbox', { name: /On this device/ });
    await vi.waitFor(() => expect((main as HTMLInputElement).disabled).toBe(false));
    expect(Notification.requestPermission).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(main));
    await screen.findByRole('checkbox', { name: 'Approval needed' });
    expect(Notification.requestPermission).toHaveBeenCalledOnce();
    expect(subscribed).toMatchObject({ userVisibleOnly: true });
    expect((subscribed as { applicationServerKey: Uint8Array }).applicationServerKey).toHaveLength(65);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ subscription: browserSub });
    expect(localStorage.getItem('cpm.push.subscription')).toBe('sub-1');

    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Turn done' })));
    expect(calls.at(-1)).toMatchObject({
      method: 'PATCH',
      url: '/api/notifications/subscriptions/sub-1',
      body: { kinds: { done: false } },
    });
    await vi.waitFor(() => expect((screen.getByRole('checkbox', { name: 'Turn done' }) as HTMLInputElement).checked).toBe(false));
    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: /Hide content/ })));
    expect(calls.at(-1)).toMatchObject({ method: 'PATCH', body: { hideContent: true } });

    await act(async () => fireEvent.click(main));
    expect(unsubscribed).toBe(true);
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/notifications/subscriptions/sub-1' });
    expect(screen.queryByRole('checkbox', { name: 'Approval needed' })).toBeNull();
  });
});
