// Web Push in real Chromium, end to end: the server encrypts a push to a stand-in push service, which decrypts it as
// the browser's push service would hand it on; DevTools delivers that payload to the app's service worker
// (ServiceWorker.deliverPushMessage), which shows the notification; clicking it opens that session in the open window.
// Hidden content shows only the session's name; a push for the session the person is looking at shows nothing.
import type { CDPSession, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifierFor } from '../../src/server/notify/service.js';
import { type PushService, startPushService } from '../helpers/push-service.js';
import { type BrowserRig, type Rig, startRig } from '../helpers/rig.js';
import { until } from '../helpers/until.js';
import { clickNotification, installWorkerNotificationStandIn, shownNotifications } from './sw-notification-stand-in.js';

let rig: Rig & BrowserRig;
let service: PushService;
let worker: Worker;
let cdp: CDPSession;
let registrationId: string;
let subscriptionId: string;
let n: number;

beforeAll(async () => {
  [rig, service] = await Promise.all([startRig({ browser: true }), startPushService()]);
  notifierFor(rig.server.ctx).configure({ agent: service.agent, windowMs: 200 });
  await rig.browser.context.grantPermissions(['notifications'], { origin: rig.uiUrl });
  const { page } = rig;
  await page.goto(rig.server.loginUrl());
  await page.getByText('Connected').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  worker = rig.browser.context.serviceWorkers()[0] ?? (await rig.browser.context.waitForEvent('serviceworker'));
  await installWorkerNotificationStandIn(worker);
  cdp = await rig.browser.context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
  await cdp.send('ServiceWorker.enable');
  registrationId = (await until('the worker registration', () => registrations.find((r) => r.scopeURL === `${rig.uiUrl}/`))).registrationId;
  const subscription = service.subscribe();
  n = Number(subscription.endpoint.split('/').pop());
  const [, body] = await rig.call('POST', '/api/notifications/subscriptions', { subscription });
  subscriptionId = body.subscription.id;
}, 90_000);

afterAll(async () => {
  await rig?.close();
  await service?.close();
});

let threads = 0;
async function sessionWithConclusion(title: string, content: string): Promise<{ id: string; thread: string }> {
  const thread = `0198a5f2-1111-7000-8000-${String(++threads).padStart(12, '0')}`;
  const [, made] = await rig.call('POST', `/api/codex/sessions/by-thread/${thread}`, { title });
  await rig.call('POST', `/api/codex/sessions/by-thread/${thread}/conclusion`, { content });
  return { id: made.session.id, thread };
}

/** The decrypted payload the push service got for this session, delivered to the page's service worker. */
async function deliver(sessionId: string, nth = 1): Promise<void> {
  const push = await until(`push ${nth} for ${sessionId}`, () =>
    service.received.filter((p) => p.subscription === n && p.payload.sessionId === sessionId).at(nth - 1),
  );
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: rig.uiUrl, registrationId, data: push.text });
}

let first: string;
let firstThread: string;
const shownFor = (sessionId: string) => async () => (await shownNotifications(worker)).find((s) => s.tag === `cpm-${sessionId}`);

describe('push notifications in the browser', () => {
  it('shows a delivered push as a notification, and its click opens the session', async () => {
    ({ id: first, thread: firstThread } = await sessionWithConclusion('Write the release notes', 'Drafted notes.md with three changes.'));
    const id = first;
    await deliver(id);
    const shown = await until('the notification', shownFor(id));
    expect(shown).toMatchObject({
      title: 'Codex is waiting for you: Write the release notes',
      body: 'Drafted notes.md with three changes.',
      data: { sessionId: id, kind: 'waiting', url: `${rig.uiUrl}/#/s/${id}` },
    });
    await clickNotification(worker, `cpm-${id}`);
    await rig.page.getByRole('heading', { name: 'Write the release notes' }).waitFor();
    expect(new URL(rig.page.url()).hash).toBe(`#/s/${id}`);
    expect(await shownFor(id)()).toBeUndefined();
  });

  it('with hidden content shows only the session’s name, and nothing for the session on screen', async () => {
    const [status] = await rig.call('PATCH', `/api/notifications/subscriptions/${subscriptionId}`, { hideContent: true });
    expect(status).toBe(200);
    // The person is looking at the first session: a push for it shows nothing.
    await rig.call('POST', `/api/codex/sessions/by-thread/${firstThread}/conclusion`, { content: 'One more thing.' });
    await deliver(first, 2);
    const { id: other } = await sessionWithConclusion('Private work', 'The password is hunter2');
    await deliver(other);
    const shown = await until('the hidden-content notification', shownFor(other));
    expect(shown).toMatchObject({ title: 'Private work', body: 'Codex is waiting for you' });
    expect(JSON.stringify(shown)).not.toContain('hunter2');
    expect(await shownFor(first)()).toBeUndefined();
    expect(rig.pageErrors).toEqual([]);
  });
});
