// Sends Web Push notifications for Delivery's domain events, the way push-bridge turns them into browser pushes: it
// reads changes and the subscriptions table, and never writes session state. One push per event (an event seen twice
// is told once) and never a storm: per session at most one push per window, the strongest notice held meanwhile is
// sent when the window ends, and the Topic header lets the push service replace an undelivered older one.
import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import webPush from 'web-push';
import type { SessionChange } from '../../delivery/changes.js';
import type { SessionId } from '../../shared/ids.js';
import { NOTIFICATION_KIND_LABEL, type PushPayload } from '../../shared/notifications.js';
import type { SessionStatus } from '../../shared/schemas.js';
import type { PushSubscriptionRepo, StoredSubscription } from '../../store/push-subscriptions.js';
import { headingOf, type Notice, noticeFor, strongerNotice } from './rules.js';
import type { VapidKeys } from './vapid.js';

export interface NotifierOptions {
  subscriptions: PushSubscriptionRepo;
  vapid: VapidKeys;
  /** Names a session for changes that do not carry it. */
  titleOf: (id: SessionId) => string;
  /** At most one push per session in this long (default 5 s). */
  windowMs?: number;
  log?: (line: string) => void;
}

/** How many event keys are remembered for dedupe: far more than can happen within any window. */
const SEEN_LIMIT = 5_000;
/** A notice nobody has read after half a day is stale; the push service may drop it. */
const TTL_SECONDS = 12 * 3600;

/** The Topic header (RFC 8030 §5.4: at most 32 URL-safe base64 characters): one per session. */
export function topicOf(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url').slice(0, 32);
}

/** The payload for one subscription: with hidden content, only the session's name and the kind's fixed words. */
export function payloadFor(notice: Notice, hideContent: boolean): PushPayload {
  const url = `/#/s/${notice.sessionId}`;
  return hideContent
    ? { v: 1, kind: notice.kind, sessionId: notice.sessionId, title: notice.sessionTitle, body: NOTIFICATION_KIND_LABEL[notice.kind], url }
    : { v: 1, kind: notice.kind, sessionId: notice.sessionId, title: headingOf(notice), body: notice.detail, url };
}

interface Window {
  timer: ReturnType<typeof setTimeout>;
  held: Notice | null;
}

export class PushNotifier {
  private readonly statuses = new Map<SessionId, SessionStatus>();
  private readonly seen = new Set<string>();
  private readonly windows = new Map<SessionId, Window>();
  private readonly sending = new Set<Promise<void>>();
  private windowMs: number;
  private readonly log: (line: string) => void;
  private idleWaiters: (() => void)[] = [];
  private closeHooks: (() => void)[] = [];
  private agent: Agent | undefined;
  private closed = false;

  constructor(private readonly options: NotifierOptions) {
    this.windowMs = options.windowMs ?? 5_000;
    this.log = options.log ?? (() => {});
  }

  get publicKey(): string {
    return this.options.vapid.publicKey;
  }

  /**
   * `agent`: the HTTPS agent for push services, for one with its own certificate authority (a test's stand-in, a
   * proxy's CA); `windowMs`: the per-session window (tests shorten it).
   */
  configure(options: { agent?: Agent; windowMs?: number }): void {
    if (options.agent) this.agent = options.agent;
    if (options.windowMs !== undefined) this.windowMs = options.windowMs;
  }

  onClose(hook: () => void): void {
    this.closeHooks.push(hook);
  }

  /** Subscribed to Delivery's change feed; must stay quick and never throw (sending happens after it returns). */
  onChange(change: SessionChange): void {
    if (this.closed) return;
    const { sessionId } = change;
    const previous = this.statuses.get(sessionId);
    if (change.type === 'session.deleted') {
      this.statuses.delete(sessionId);
      const window = this.windows.get(sessionId);
      if (window) clearTimeout(window.timer);
      this.windows.delete(sessionId);
      this.settle();
      return;
    }
    if (change.session) this.statuses.set(sessionId, change.session.status);
    let notice: Notice | null;
    try {
      notice = noticeFor(change, previous, this.options.titleOf);
    } catch (error) {
      this.log(`Codex Pro Max: could not make a notification for a ${change.type}: ${String(error)}`);
      return;
    }
    if (!notice || this.seen.has(notice.key)) return;
    this.seen.add(notice.key);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value as string);
    this.offer(notice);
  }

  /** Sends a notice now and opens its session's window, or holds it until the open window ends. */
  private offer(notice: Notice): void {
    const open = this.windows.get(notice.sessionId);
    if (open) {
      open.held = strongerNotice(open.held, notice);
      return;
    }
    const timer = setTimeout(() => this.windowEnded(notice.sessionId), this.windowMs);
    timer.unref();
    this.windows.set(notice.sessionId, { timer, held: null });
    this.track(this.fanOut(notice));
  }

  private windowEnded(sessionId: SessionId): void {
    const window = this.windows.get(sessionId);
    this.windows.delete(sessionId);
    if (window?.held && !this.closed) this.offer(window.held);
    this.settle();
  }

  private async fanOut(notice: Notice): Promise<void> {
    try {
      const targets = this.options.subscriptions.list().filter((s) => s.settings.kinds[notice.kind]);
      await Promise.all(targets.map((s) => this.sendTo(s, payloadFor(notice, s.settings.hideContent))));
    } catch (error) {
      // The store can be gone (a server stopping with a notice held); a notification is never worth a crash.
      this.log(`Codex Pro Max: could not send push notifications: ${String(error)}`);
    }
  }

  /** Sends one payload to one subscription; true when the push service took it. A subscription it says is gone goes. */
  async sendTo(subscription: StoredSubscription, payload: PushPayload): Promise<boolean> {
    try {
      await webPush.sendNotification({ endpoint: subscription.endpoint, keys: subscription.keys }, JSON.stringify(payload), {
        vapidDetails: this.options.vapid,
        TTL: TTL_SECONDS,
        topic: payload.sessionId ? topicOf(payload.sessionId) : undefined,
        urgency: payload.kind === 'approval' || payload.kind === 'failed' ? 'high' : 'normal',
        timeout: 10_000,
        ...(this.agent ? { agent: this.agent } : {}),
      });
      this.options.subscriptions.markSent(subscription.id);
      return true;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      // 404/410: the browser unsubscribed or the service expired it; it will never take a push again.
      if (status === 404 || status === 410) this.options.subscriptions.delete(subscription.id);
      else this.log(`Codex Pro Max: a push notification to ${subscription.service} failed: ${(error as Error).message}`);
      return false;
    }
  }

  private track(work: Promise<void>): void {
    this.sending.add(work);
    void work.finally(() => {
      this.sending.delete(work);
      this.settle();
    });
  }

  /** Resolves once nothing is being sent and no notice is held (for tests and a clean stop). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.sending.size === 0 && [...this.windows.values()].every((w) => w.held === null);
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  close(): void {
    this.closed = true;
    for (const hook of this.closeHooks.splice(0)) hook();
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
    this.settle();
  }
}
