// Web Push end to end over real sockets: the real server sends to a stand-in push service (HTTPS on loopback), which
// decrypts each payload as a browser would (RFC 8291) and checks the VAPID signature (RFC 8292). Covers every kind,
// hidden content, kinds turned off, one push per event, the per-session window, and a subscription the service says is
// gone. Events come from the same routes and Delivery intents Codex, the daemon and drive mode use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicOf } from '../../src/server/notify/notifier.js';
import { notifierFor } from '../../src/server/notify/service.js';
import { DEVICE_COOKIE } from '../../src/server/security.js';
import type { SessionId } from '../../src/shared/ids.js';
import type { Approval, LiveInfo } from '../../src/shared/live.js';
import { type PushService, type ReceivedPush, startPushService, verifiedVapid } from '../helpers/push-service.js';
import { type Rig, startRig } from '../helpers/rig.js';
import { until } from '../helpers/until.js';

const WINDOW_MS = 300;
let rig: Rig;
let service: PushService;

beforeAll(async () => {
  [rig, service] = await Promise.all([startRig(), startPushService()]);
  notifierFor(rig.server.ctx).configure({ agent: service.agent, windowMs: WINDOW_MS });
});

afterAll(async () => {
  await rig?.close();
  await service?.close();
});

let threads = 0;
/** A session Codex attached through the loop, as the MCP server makes it. */
async function attachedSession(title: string): Promise<{ id: SessionId; thread: string }> {
  const thread = `0198a5f2-0000-7000-8000-${String(++threads).padStart(12, '0')}`;
  const [status, body] = await rig.call('POST', `/api/codex/sessions/by-thread/${thread}`, { title });
  expect(status).toBeLessThan(300);
  return { id: body.session.id, thread };
}
const conclude = (thread: string, content: string) => rig.call('POST', `/api/codex/sessions/by-thread/${thread}/conclusion`, { content });

async function subscribe(settings?: unknown): Promise<{ id: string; n: number }> {
  const subscription = service.subscribe();
  const [status, body] = await rig.call('POST', '/api/notifications/subscriptions', { subscription, ...(settings ? { settings } : {}) });
  expect(status).toBe(201);
  return { id: body.subscription.id, n: Number(subscription.endpoint.split('/').pop()) };
}

/** Pushes subscription `n` has had for `sessionId`, once the notifier has sent all it will (nothing held or in flight). */
async function settledPushes(n: number, sessionId: string, atLeast: number): Promise<ReceivedPush[]> {
  const of = () => service.received.filter((p) => p.subscription === n && p.payload.sessionId === sessionId);
  await until(`${atLeast} push(es) for ${sessionId}`, () => of().length >= atLeast, 10_000);
  await notifierFor(rig.server.ctx).whenIdle();
  return of();
}

const allOn = { waiting: true, approval: true, failed: true, done: true };
let full: { id: string; n: number };
let hidden: { id: string; n: number };

describe('Web Push', () => {
  beforeAll(async () => {
    full = await subscribe();
    hidden = await subscribe({ kinds: allOn, hideContent: true });
  });

  it('sends a conclusion encrypted to the subscription, signed with the key the browser subscribed with', async () => {
    const { id, thread } = await attachedSession('Write the release notes');
    await conclude(thread, 'Drafted notes.md with the three changes since 0.3.');
    const [push] = await settledPushes(full.n, id, 1);
    expect(push?.payload).toEqual({
      v: 1,
      kind: 'waiting',
      sessionId: id,
      title: 'Codex is waiting for you: Write the release notes',
      body: 'Drafted notes.md with the three changes since 0.3.',
      url: `/#/s/${id}`,
    });
    expect(push?.headers['content-encoding']).toBe('aes128gcm');
    expect(push?.headers.topic).toBe(topicOf(id));
    expect(push?.headers.urgency).toBe('normal');
    expect(Number(push?.headers.ttl)).toBeGreaterThan(0);
    const [, key] = await rig.call('GET', '/api/notifications/key');
    const vapid = verifiedVapid(push?.headers.authorization);
    expect(vapid.publicKey).toBe(key.publicKey);
    expect(vapid.claims.aud).toBe(new URL(service.subscribe().endpoint).origin);
  });

  it('hides the content when asked: only the session’s name and the kind', async () => {
    const { id, thread } = await attachedSession('Secret project');
    await conclude(thread, 'The API key is in .env.local');
    const [push] = await settledPushes(hidden.n, id, 1);
    expect(push?.payload).toMatchObject({ kind: 'waiting', title: 'Secret project', body: 'Codex is waiting for you', url: `/#/s/${id}` });
    expect(push?.text).not.toContain('API key');
  });

  it('asks for approvals (urgent), once per request however often it is announced', async () => {
    const { id } = await attachedSession('Run the migrations');
    const approval = {
      id: 'approval-1',
      sessionId: id,
      threadId: 't',
      turnId: null,
      kind: 'command',
      title: 'Run a command',
      command: 'npm run migrate',
      cwd: '/work/app',
      reason: null,
      diff: null,
      choices: [],
      questions: [],
      formSchema: null,
      state: 'open',
      answer: null,
      createdAt: new Date().toISOString(),
      closedAt: null,
    } satisfies Approval;
    rig.server.ctx.delivery.approvalChanged(approval);
    rig.server.ctx.delivery.approvalChanged(approval);
    rig.server.ctx.delivery.approvalChanged({ ...approval, state: 'answered', answer: 'accept' });
    const pushes = await settledPushes(full.n, id, 1);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]?.payload).toMatchObject({ kind: 'approval', body: 'Run a command: npm run migrate (in /work/app)' });
    expect(pushes[0]?.headers.urgency).toBe('high');
  });

  it('collapses a burst in one session to one push now and one when the window ends, carrying the latest', async () => {
    const { id, thread } = await attachedSession('Busy session');
    for (const n of [1, 2, 3, 4]) await conclude(thread, `Conclusion ${n}`);
    const pushes = await settledPushes(full.n, id, 2);
    expect(pushes.map((p) => p.payload.body)).toEqual(['Conclusion 1', 'Conclusion 4']);
    expect(new Set(pushes.map((p) => p.headers.topic))).toEqual(new Set([topicOf(id)]));
  });

  it('tells of a failed turn and of a driven turn done', async () => {
    const { id } = await attachedSession('Live thread');
    const live: LiveInfo = {
      status: 'working',
      turnId: 'turn-1',
      model: null,
      originator: 'codex-tui',
      pendingApprovals: 0,
      updatedAt: new Date().toISOString(),
    };
    rig.server.ctx.delivery.liveChanged(id, live, 'turn_started');
    rig.server.ctx.delivery.liveChanged(id, { ...live, status: 'error' }, 'failed');
    const [failed] = await settledPushes(full.n, id, 1);
    expect(failed?.payload).toMatchObject({ kind: 'failed', title: 'A turn failed: Live thread' });

    const driven = rig.server.ctx.delivery.createDriven({ title: 'Driven run', cwd: rig.workDir }, () => {});
    rig.server.ctx.delivery.settleDrivenTurn(driven.id, 'turn_completed', null);
    const [done] = await settledPushes(full.n, driven.id, 1);
    expect(done?.payload).toMatchObject({ kind: 'done', title: 'Turn done: Driven run' });
  });

  it('sends nothing of a kind a subscription turned off', async () => {
    const [status, body] = await rig.call('PATCH', `/api/notifications/subscriptions/${hidden.id}`, { kinds: { waiting: false } });
    expect(status).toBe(200);
    expect(body.subscription.settings).toEqual({ kinds: { ...allOn, waiting: false }, hideContent: true });
    const { id, thread } = await attachedSession('Quiet session');
    await conclude(thread, 'Nothing to see');
    await settledPushes(full.n, id, 1);
    expect(service.received.filter((p) => p.subscription === hidden.n && p.payload.sessionId === id)).toEqual([]);
  });

  it('forgets a subscription the push service says is gone, and never shows endpoints or keys', async () => {
    const gone = await subscribe();
    service.answer(gone.n, 410);
    const { id, thread } = await attachedSession('After unsubscribing');
    await conclude(thread, 'Done');
    await settledPushes(full.n, id, 1);
    const [, list] = await rig.call('GET', '/api/notifications/subscriptions');
    expect(list.subscriptions.map((s: { id: string }) => s.id)).toEqual([full.id, hidden.id]);
    expect(JSON.stringify(list)).not.toMatch(/p256dh|endpoint|\/push\//);
  });

  it('links a paired device’s subscription to it, and revoking the device removes it', async () => {
    const { device, token } = rig.server.ctx.access.devices.pair('Test phone', '127.0.0.1');
    const subscription = service.subscribe();
    const res = await fetch(`${rig.apiUrl}/api/notifications/subscriptions`, {
      method: 'POST',
      headers: { cookie: `${DEVICE_COOKIE}=${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subscription }),
    });
    expect(res.status).toBe(201);
    const made = (await res.json()).subscription;
    expect(made.deviceId).toBe(device.id);
    rig.server.ctx.access.devices.revoke(device.id);
    const [, list] = await rig.call('GET', '/api/notifications/subscriptions');
    expect(list.subscriptions.map((s: { id: string }) => s.id)).not.toContain(made.id);
  });

  it('sends a test notification on request', async () => {
    const [status, body] = await rig.call('POST', `/api/notifications/subscriptions/${full.id}/test`);
    expect([status, body]).toEqual([200, { ok: true, sent: true }]);
    const push = await until('the test push', () =>
      service.received.find((p) => p.subscription === full.n && p.payload.title === 'Notifications work'),
    );
    expect(push.payload).toMatchObject({ v: 1, sessionId: '', url: '/' });
    expect((await rig.call('POST', '/api/notifications/subscriptions/nope/test'))[0]).toBe(404);
  });

  it('needs the credential for every notification route', async () => {
    for (const [method, path] of [
      ['GET', '/api/notifications/key'],
      ['GET', '/api/notifications/subscriptions'],
      ['POST', '/api/notifications/subscriptions'],
      ['DELETE', `/api/notifications/subscriptions/${full.id}`],
    ] as const) {
      expect((await fetch(`${rig.apiUrl}${path}`, { method })).status, `${method} ${path}`).toBe(401);
    }
  });
});
