// The one client of the shared Codex app-server daemon: keeps a connection up (reconnecting with backoff), keeps the
// watched threads subscribed across reconnects, and hands out decoded events. It never starts or stops the daemon.
import { existsSync, readFileSync } from 'node:fs';
import type { ServerRequestAnswers } from './answers.js';
import { AppServerConnection } from './connection.js';
import { AppServerDisconnected, isNoRolloutYet } from './errors.js';
import { Listeners } from './listeners.js';
import type { AppServerNotification, AppServerRequest, DecodedRequestMethod, Incoming } from './messages.js';
import type { InitializeResponse } from './protocol/InitializeResponse.js';
import type { RequestId } from './protocol/RequestId.js';
import type { ThreadResumeResponse } from './protocol/v2/ThreadResumeResponse.js';
import { decodeResponse, type ResponseTypes, type TypedMethod } from './responses.js';
import { PendingRequests } from './rpc.js';
import { daemonSocketPath } from './socket-path.js';
import { type RequestOptions, ThreadCalls } from './thread-calls.js';
import { WatchedThreads, type WatchState } from './watch-set.js';

/** `absent`: no socket file (the daemon is not running); `disconnected`: the file is there but nothing answers, or closed. */
export type AppServerStatus = 'connecting' | 'connected' | 'absent' | 'disconnected';

export interface AppServerEvents {
  /** After the handshake on every (re)connection. Subscriptions are being renewed; reload any snapshot now. */
  connected: { initialize: InitializeResponse; reconnect: boolean };
  disconnected: { reason: string };
  status: { status: AppServerStatus };
  notification: AppServerNotification;
  serverRequest: AppServerRequest;
  /** A method or item type this Codex's protocol does not declare: counted in stats(), logged once, otherwise ignored. */
  unknown: { what: 'notification' | 'serverRequest' | 'itemType'; method: string; params: unknown; id?: RequestId };
  /** A watched thread's subscription changed; `failed` means it was dropped from the watch list. */
  watch: { threadId: string; state: WatchState | 'failed'; error?: Error };
}

export interface AppServerStats {
  notifications: number;
  serverRequests: number;
  /** By `notification:<method>`, `serverRequest:<method>` and `item:<type>`. */
  unknown: Record<string, number>;
  /** Messages that did not decode (not JSON, no envelope, or a decoded method missing a field we rely on). */
  invalid: number;
  /** Answers that came after their request had timed out or been dropped. */
  lateAnswers: number;
  connects: number;
}

export interface AppServerClientOptions {
  /** Defaults to $CODEX_HOME or ~/.codex. */
  codexHome?: string;
  /** Overrides the socket derived from codexHome. */
  socketPath?: string;
  /** Sent as clientInfo.version; defaults to this package's version. */
  clientVersion?: string;
  requestTimeoutMs?: number;
  /** Reconnect delay: starts at initialMs, doubles per failed attempt, capped at maxMs. */
  backoff?: { initialMs: number; maxMs: number };
  log?: (message: string) => void;
}

export type WatchResult = { state: 'subscribed'; response: ThreadResumeResponse } | { state: 'waitingForRollout' | 'pending' };

/** Reconnect delay before attempt `attempt` (0-based). */
export function backoffDelay(attempt: number, backoff = { initialMs: 250, maxMs: 10_000 }): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
}

function packageVersion(): string {
  try {
    return String(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version);
  } catch {
    return '0.0.0';
  }
}

export class AppServerClient extends ThreadCalls {
  readonly socketPath: string;
  private readonly listeners: Listeners<AppServerEvents>;
  private readonly pending = new PendingRequests();
  private readonly watched = new WatchedThreads();
  private readonly counts: Omit<AppServerStats, 'lateAnswers'> = {
    notifications: 0,
    serverRequests: 0,
    unknown: {},
    invalid: 0,
    connects: 0,
  };
  private readonly logged = new Set<string>();
  private readonly log: (message: string) => void;
  private readonly timeoutMs: number;
  private connection: AppServerConnection | null = null;
  private current: AppServerStatus = 'disconnected';
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private closed = false;
  /** One log line per outage, not one per retry. */
  private outageLogged = false;

  constructor(private readonly options: AppServerClientOptions = {}) {
    super();
    this.socketPath = options.socketPath ?? daemonSocketPath(options.codexHome);
    this.log = options.log ?? ((message) => process.stderr.write(`${message}\n`));
    this.listeners = new Listeners(this.log);
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /** Starts connecting (and keeps reconnecting until close()). Idempotent. */
  start(): this {
    if (!this.started && !this.closed) {
      this.started = true;
      void this.connect();
    }
    return this;
  }

  /** Stops reconnecting, closes the connection and rejects outstanding requests. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    const connection = this.connection;
    this.connection = null;
    connection?.close();
    this.pending.failAll('client closed');
    this.setStatus('disconnected');
  }

  /** Tries to connect now instead of at the next backoff step (the person just started the daemon). */
  retryNow(): void {
    if (this.closed || !this.started || this.current === 'connected' || this.current === 'connecting') return;
    clearTimeout(this.timer);
    this.attempt = 0;
    void this.connect();
  }

  on<K extends keyof AppServerEvents>(name: K, listener: (event: AppServerEvents[K]) => void): () => void {
    return this.listeners.on(name, listener);
  }

  status(): AppServerStatus {
    return this.current;
  }

  stats(): AppServerStats {
    return { ...this.counts, unknown: { ...this.counts.unknown }, lateAnswers: this.pending.lateAnswers };
  }

  /** Resolves once connected (immediately if already); rejects after `timeoutMs` or when the client is closed. */
  whenConnected(timeoutMs = this.timeoutMs): Promise<void> {
    if (this.current === 'connected') return Promise.resolve();
    if (this.closed) return Promise.reject(new AppServerDisconnected('connect', 'client closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new AppServerDisconnected('connect', `still ${this.current} after ${timeoutMs} ms`)), timeoutMs);
      const off = this.on('status', ({ status }) => {
        if (status === 'connected') done();
        else if (this.closed) done(new AppServerDisconnected('connect', 'client closed'));
      });
      const done = (error?: Error) => {
        clearTimeout(timer);
        off();
        if (error) reject(error);
        else resolve();
      };
    });
  }

  /** Sends a request on the current connection; rejects with AppServerError, AppServerTimeout or AppServerDisconnected. */
  request(method: string, params?: unknown, opts: RequestOptions = {}): Promise<unknown> {
    const connection = this.connection;
    if (!connection?.isOpen) return Promise.reject(new AppServerDisconnected(method, this.current));
    return connection.request(method, params, opts.timeoutMs ?? this.timeoutMs);
  }

  /** A request whose answer is checked and typed (see responses.ts). */
  protected override async call<M extends TypedMethod>(method: M, params: unknown, opts?: RequestOptions): Promise<ResponseTypes[M]> {
    return decodeResponse(method, await this.request(method, params, opts));
  }

  notify(method: string, params?: unknown): void {
    const connection = this.connection;
    if (!connection?.isOpen) throw new AppServerDisconnected(method, this.current);
    connection.notify(method, params);
  }

  /**
   * Answers a server → client request. Its id is the daemon's, the same on every connection subscribed to the thread;
   * the first answer from any client wins and later ones are dropped without an error.
   */
  respond(id: RequestId, result: unknown): void {
    const connection = this.connection;
    if (!connection?.isOpen) throw new AppServerDisconnected(`answer to request ${id}`, this.current);
    connection.respond(id, result);
  }

  /** respond() typed by the request it answers. */
  answer<M extends DecodedRequestMethod>(request: { id: RequestId; method: M }, result: ServerRequestAnswers[M]): void {
    this.respond(request.id, result);
  }

  /**
   * Subscribes to a thread's live notifications (thread/resume with excludeTurns, so no history comes along) and keeps
   * it subscribed across reconnects until unwatch(). Before the thread's first turn the daemon has no rollout to resume
   * from; the thread then waits and is retried on its next turn/started or thread/status/changed. Rejects (and forgets
   * the thread) on any other error.
   */
  watch(threadId: string): Promise<WatchResult> {
    this.watched.add(threadId);
    return this.subscribe(threadId);
  }

  /**
   * As watch(), for callers that only need the subscription (before a turn/start): a thread already subscribed on this
   * connection costs no round trip, which is most follow-up turns of a driven session.
   */
  async ensureWatched(threadId: string): Promise<void> {
    if (this.watched.state(threadId) === 'subscribed' && this.connection?.isOpen) return;
    await this.watch(threadId);
  }

  /** Stops watching; tells the daemon when the thread was subscribed on this connection. */
  async unwatch(threadId: string): Promise<void> {
    const wasSubscribed = this.watched.state(threadId) === 'subscribed';
    if (!this.watched.remove(threadId) || !wasSubscribed || !this.connection?.isOpen) return;
    await this.call('thread/unsubscribe', { threadId });
  }

  watchState(threadId: string): WatchState | undefined {
    return this.watched.state(threadId);
  }

  watchedThreads(): string[] {
    return this.watched.ids();
  }

  /** thread/start subscribes the starting connection; recording the thread as watched keeps that across reconnects. */
  protected override threadStarted(threadId: string): void {
    if (this.watched.add(threadId)) this.watched.set(threadId, 'subscribed');
  }

  private async subscribe(threadId: string): Promise<WatchResult> {
    const connection = this.connection;
    if (!connection?.isOpen) {
      this.setWatch(threadId, 'pending');
      return { state: 'pending' };
    }
    this.setWatch(threadId, 'subscribing');
    try {
      const response = await this.resumeThread({ threadId, excludeTurns: true });
      if (this.connection !== connection) return { state: 'pending' }; // a reconnect resubscribes it
      if (!this.watched.has(threadId)) {
        // unwatch() came while the resume was on its way: undo it.
        await this.call('thread/unsubscribe', { threadId }).catch(() => {});
        return { state: 'pending' };
      }
      this.setWatch(threadId, 'subscribed');
      return { state: 'subscribed', response };
    } catch (error) {
      if (this.connection !== connection || error instanceof AppServerDisconnected) return { state: 'pending' };
      if (isNoRolloutYet(error)) {
        this.setWatch(threadId, 'waitingForRollout');
        return { state: 'waitingForRollout' };
      }
      this.watched.remove(threadId);
      this.listeners.emit('watch', { threadId, state: 'failed', error: error as Error });
      throw error;
    }
  }

  private setWatch(threadId: string, state: WatchState): void {
    if (!this.watched.has(threadId) || this.watched.state(threadId) === state) return;
    this.watched.set(threadId, state);
    this.listeners.emit('watch', { threadId, state });
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    if (!existsSync(this.socketPath)) {
      this.setStatus('absent');
      return this.retryLater();
    }
    this.setStatus('connecting');
    let opened: Awaited<ReturnType<typeof AppServerConnection.open>> | undefined;
    try {
      opened = await AppServerConnection.open({
        socketPath: this.socketPath,
        clientInfo: { name: 'codex-pro-max', title: 'Codex Pro Max', version: this.options.clientVersion ?? packageVersion() },
        pending: this.pending,
        timeoutMs: Math.min(this.timeoutMs, 10_000),
        onMessage: (message) => this.dispatch(message),
        onClose: (reason) => this.dropped(opened?.connection, reason),
      });
    } catch (error) {
      this.setStatus(existsSync(this.socketPath) ? 'disconnected' : 'absent');
      if (!this.outageLogged) this.log(`codex app-server: cannot connect to ${this.socketPath}: ${(error as Error).message}; retrying`);
      this.outageLogged = true;
      return this.retryLater();
    }
    if (this.closed) return opened.connection.close();
    this.connection = opened.connection;
    this.attempt = 0;
    this.outageLogged = false;
    this.counts.connects++;
    this.setStatus('connected');
    this.listeners.emit('connected', { initialize: opened.initialize, reconnect: this.counts.connects > 1 });
    for (const threadId of this.watched.ids()) {
      this.subscribe(threadId).catch(() => {}); // a failure is reported as a `watch` event
    }
  }

  private dropped(connection: AppServerConnection | undefined, reason: string): void {
    if (!connection || this.connection !== connection) return;
    this.connection = null;
    this.watched.disconnected();
    this.setStatus(existsSync(this.socketPath) ? 'disconnected' : 'absent');
    this.listeners.emit('disconnected', { reason });
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), backoffDelay(this.attempt++, this.options.backoff));
    this.timer.unref?.();
  }

  private setStatus(status: AppServerStatus): void {
    if (this.current === status) return;
    this.current = status;
    this.listeners.emit('status', { status });
  }

  private dispatch(message: Incoming): void {
    switch (message.kind) {
      case 'notification': {
        this.counts.notifications++;
        if (message.unknownItemType) {
          this.countUnknown(`item:${message.unknownItemType}`);
          this.listeners.emit('unknown', { what: 'itemType', method: message.unknownItemType, params: message.notification.params });
        }
        const retry = this.watched.retryAfter(message.notification);
        if (retry) this.subscribe(retry).catch(() => {});
        this.listeners.emit('notification', message.notification);
        return;
      }
      case 'serverRequest':
        this.counts.serverRequests++;
        this.listeners.emit('serverRequest', message.request);
        return;
      case 'unknown':
        // Never answered: with several clients on one daemon, an error from us could win over another client's answer.
        this.countUnknown(`${message.what}:${message.method}`);
        this.listeners.emit('unknown', { what: message.what, method: message.method, params: message.params, id: message.id });
        return;
      case 'invalid':
        this.counts.invalid++;
        this.logOnce(`invalid:${message.reason.split(':')[0]}`, `codex app-server: ignored a message: ${message.reason}`);
        return;
      default:
        return; // answers are matched in the connection
    }
  }

  private countUnknown(key: string): void {
    this.counts.unknown[key] = (this.counts.unknown[key] ?? 0) + 1;
    this.logOnce(key, `codex app-server: ${key} is not in the protocol this build knows; ignored`);
  }

  private logOnce(key: string, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.log(message);
  }
}
