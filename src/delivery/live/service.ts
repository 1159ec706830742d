// Live threads: every thread the local Codex daemon has loaded becomes (or joins) a session. We watch it, show its
// turns as they happen, answer its approvals, steer and interrupt it, and hand it the person's queued prompts.
// Session state changes go through Delivery; only streamed transcript pushes (turns, items, deltas) go out directly.
import { type AppServerClient, type AppServerStatus, AppServerClient as Client } from '../../codex/app-server/client.js';
import { textInput } from '../../codex/app-server/input.js';
import type { AppServerNotification, AppServerRequest } from '../../codex/app-server/messages.js';
import { turnPage } from '../../codex/app-server/turn-pages.js';
import { interruptTurn } from '../../codex/engine/interrupt.js';
import { firstUserPrompt } from '../../codex/rollout/first-prompt.js';
import { rolloutOriginator } from '../../codex/rollout/originator.js';
import { Conflict, DaemonUnavailable, NoActiveTurn, NotFound, NotLive } from '../../errors.js';
import type { NewLiveSessionBody } from '../../shared/drive.js';
import type { SessionId, ThreadId } from '../../shared/ids.js';
import type { Approval, DaemonStatus, LiveHistory } from '../../shared/live.js';
import type { PushMessage } from '../../shared/push.js';
import type { Prompt, SessionSummary } from '../../shared/schemas.js';
import type { Delivery } from '../delivery.js';
import { ApprovalBook } from './approval-book.js';
import { answerApproval, openApproval } from './approvals.js';
import { daemonStatusOf } from './daemon.js';
import { LivePrompts } from './prompts.js';
import { onThreadEvent } from './thread-events.js';
import { LiveThread } from './thread-state.js';

type Loose = Record<string, unknown>;

export interface LiveDeps {
  delivery: Delivery;
  publish: (message: PushMessage) => void;
  codexHome: string;
  log?: (message: string) => void;
  /** Tests pass a client pointed at their own daemon; otherwise one for `codexHome`. */
  client?: AppServerClient;
  /**
   * Resolves once drive mode's own thread/starts have bound their threads to their sessions. A new thread is only
   * taken for a terminal's after that, or a driven session's thread would get a second session.
   */
  threadStartsSettled?: () => Promise<void> | null;
  /** Threads of ours that are no session's (a grooming turn's throwaway thread): never taken in. */
  ignoreThread?: (threadId: string) => boolean;
}

/** How long a thread the browser drives stays subscribed after its turn, waiting for the next one. */
const DRIVEN_REST_MS = 120_000;

export class LiveThreads {
  readonly client: AppServerClient;
  readonly approvals = new ApprovalBook();
  private readonly threads = new Map<string, LiveThread>();
  /**
   * Threads whose session the person deleted: left alone (no session comes back for them) until a new turn starts on
   * one, when someone is working in it again.
   */
  private readonly dismissed = new Set<string>();
  /**
   * Other clients' ephemeral threads: Codex keeps them only in memory, so another connection can neither subscribe to
   * one nor page its turns, and nothing of it could be shown or continued here. They get no session.
   */
  private readonly ephemeral = new Set<string>();
  /** Threads the browser drives, between turns, still subscribed until their timer lets go of them. */
  private readonly resting = new Map<string, NodeJS.Timeout>();
  private readonly prompts: LivePrompts;
  private readonly log: (message: string) => void;
  private readonly offs: (() => void)[] = [];
  /** Bumped on every (re)connection: a request id is only good on the connection it came on. */
  epoch = 0;

  constructor(private readonly deps: LiveDeps) {
    this.log = deps.log ?? ((m) => process.stderr.write(`${m}\n`));
    this.client = deps.client ?? new Client({ codexHome: deps.codexHome, log: this.log });
    this.prompts = new LivePrompts(this);
  }

  get delivery(): Delivery {
    return this.deps.delivery;
  }

  start(): this {
    // Whatever the daemon said before this server started is stale until it says it again.
    for (const sessionId of this.delivery.liveSessions()) this.delivery.liveClosed(sessionId);
    const c = this.client;
    this.offs.push(
      c.on('connected', () => void this.onConnected()),
      c.on('disconnected', () => this.onDisconnected()),
      c.on('status', ({ status }) => this.publishDaemon(status)),
      c.on('notification', (n) => this.onNotification(n)),
      c.on('serverRequest', (r) => this.onServerRequest(r)),
      this.delivery.subscribe((change) => {
        if (change.type === 'session.deleted') this.dismiss(change.sessionId);
        if (change.type !== 'prompt.queued') return;
        const thread = this.threadOf(change.sessionId);
        if (thread) thread.refused = false;
        this.prompts.pump(change.sessionId);
      }),
    );
    c.start();
    return this;
  }

  close(): void {
    for (const off of this.offs.splice(0)) off();
    for (const timer of this.resting.values()) clearTimeout(timer);
    this.resting.clear();
    this.client.close();
  }

  daemon(): DaemonStatus {
    return daemonStatusOf(this.client.status(), this.client.socketPath, this.threads.size);
  }

  thread(threadId: string): LiveThread | undefined {
    return this.threads.get(threadId);
  }

  /** The live thread of a session, or null when the session is not live. */
  threadOf(sessionId: SessionId): LiveThread | null {
    for (const t of this.threads.values()) if (t.sessionId === sessionId) return t;
    return null;
  }

  approvalsFor(sessionId: SessionId): Approval[] {
    return this.approvals.openFor(sessionId);
  }

  answer(approvalId: string, body: Parameters<typeof answerApproval>[2]): Approval {
    return answerApproval(this, approvalId, body);
  }

  /**
   * Starts a thread inside the daemon with the person's folder, model, sandbox and approval policy, and queues its
   * first prompt, which then runs there like any live prompt. A terminal can pick it up with `codex resume <id>`.
   */
  async startSession(body: NewLiveSessionBody, images: string[]): Promise<{ session: SessionSummary; prompt: Prompt }> {
    // Paginated history, as the TUI uses, so its turns can be paged (thread/turns/list) rather than loaded whole.
    const params = {
      cwd: body.cwd,
      sandbox: body.sandbox,
      approvalPolicy: body.approvalPolicy,
      historyMode: 'paginated',
      ...(body.model ? { model: body.model } : {}),
    };
    const answer = (await this.call(() => this.client.startThread(params as never))) as { thread: Loose };
    const live = await this.track(String(answer.thread.id), { ...answer.thread, cwd: body.cwd, name: body.title || body.prompt });
    if (!live) throw new DaemonUnavailable('Codex started the thread but could not describe it; try again.');
    live.originator = 'codex-pro-max';
    live.effort = body.effort ?? null;
    live.pendingImages = images;
    const prompt = this.delivery.queue(live.sessionId, body.prompt);
    return { session: this.delivery.summary(live.sessionId), prompt };
  }

  /** Adds text to the running turn. Nothing is queued: when this fails the person still has the text in front of them. */
  async steer(sessionId: SessionId, content: string): Promise<string> {
    const thread = this.activeTurnOf(sessionId);
    const answer = (await this.call(() => this.client.steer(thread.threadId, thread.turnId as string, [textInput(content)]))) as Loose;
    return String(answer.turnId ?? thread.turnId);
  }

  /** Stops the running turn and ends what it leaves running, as drive mode does for its own turns. */
  async interrupt(sessionId: SessionId): Promise<string> {
    const thread = this.activeTurnOf(sessionId);
    const turnId = thread.turnId as string;
    thread.interruptedTurnId = turnId;
    await this.call(() => interruptTurn(this.client, thread.threadId, turnId, thread.cwd));
    return turnId;
  }

  /** A page of the thread's turns, oldest first, read from the daemon (never the whole thread at once). */
  async history(sessionId: SessionId, before: string | null, limit = 10): Promise<LiveHistory> {
    // A session whose terminal closed before this server started has no live thread here, but its thread is still
    // Codex's: the daemon pages a thread it has not loaded too (and leaves it unloaded).
    const threadId = this.threadOf(sessionId)?.threadId ?? this.closedThreadOf(sessionId);
    if (!threadId) throw new NotLive();
    return this.call(() => turnPage(this.client, threadId, before, limit));
  }

  private closedThreadOf(sessionId: SessionId): string | null {
    const session = this.delivery.summary(sessionId);
    return session.live && session.threadId ? session.threadId : null;
  }

  private activeTurnOf(sessionId: SessionId): LiveThread {
    const thread = this.threadOf(sessionId);
    if (!thread) throw new NotLive();
    if (!thread.turnId) throw new NoActiveTurn();
    return thread;
  }

  /** A daemon call whose failure the person gets as a plain 503 (not connected) or 409 (Codex refused it). */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    if (this.client.status() !== 'connected') throw new DaemonUnavailable(this.daemon().message);
    try {
      return await fn();
    } catch (error) {
      if ((error as Error).name === 'AppServerDisconnected') throw new DaemonUnavailable(this.daemon().message);
      throw new Conflict(`Codex refused: ${(error as Error).message}`);
    }
  }

  private dismiss(sessionId: SessionId): void {
    for (const [threadId, thread] of this.threads) {
      if (thread.sessionId !== sessionId) continue;
      this.threads.delete(threadId);
      this.dismissed.add(threadId);
      clearTimeout(this.resting.get(threadId));
      this.resting.delete(threadId);
      // A turn still running (drive mode is ending it) needs the subscription for its end: let go after that.
      if (thread.turnId === null) void this.client.unwatch(threadId).catch(() => {});
    }
  }

  /** Re-reads the thread's live side into its session (after any change to status, turn or approvals). */
  refresh(thread: LiveThread, event?: 'turn_started' | 'turn_completed' | 'failed'): void {
    // The rollout is written lazily, with the first turn; until then nobody can say who started the thread.
    if (thread.originator === null && thread.rolloutPath) thread.originator = rolloutOriginator(thread.rolloutPath);
    // Drive mode settles its own turns (conclusion, failure, interrupt); counting them here too would move it twice.
    const driven = event !== undefined && this.delivery.summary(thread.sessionId).kind === 'driven';
    this.delivery.liveChanged(thread.sessionId, thread.info(), driven ? undefined : event);
  }

  publish(message: PushMessage): void {
    this.deps.publish(message);
  }

  // ---- daemon events ----

  private async onConnected(): Promise<void> {
    this.epoch += 1;
    this.expireApprovals(true);
    try {
      const loaded = (await this.client.listLoaded()) as { data?: string[] };
      await Promise.all((loaded.data ?? []).map((id) => this.track(id)));
      // Prompts queued while we were away go now, to threads a new daemon has not loaded yet too.
      for (const thread of this.threads.values()) this.prompts.pump(thread.sessionId);
    } catch (error) {
      this.log(`codex daemon: could not list its threads: ${(error as Error).message}`);
    }
  }

  private onDisconnected(): void {
    this.expireApprovals(false);
    for (const thread of this.threads.values()) {
      thread.rawStatus = { type: 'notLoaded' };
      thread.turnId = null;
      thread.pendingApprovals = 0;
      thread.delivering = false;
      thread.refused = false;
      this.refresh(thread);
    }
  }

  /** Binds a thread to its session and subscribes to it. `meta` is the thread object when the daemon already sent it. */
  private async track(threadId: string, meta?: Loose): Promise<LiveThread | null> {
    if (this.deps.ignoreThread?.(threadId) || this.dismissed.has(threadId) || this.ephemeral.has(threadId)) return null;
    try {
      const thread = meta ?? ((await this.client.readThread(threadId)) as { thread?: Loose }).thread ?? {};
      if (thread.ephemeral === true) {
        this.ephemeral.add(threadId);
        return null;
      }
      const existing = this.threads.get(threadId);
      const summary = this.delivery.liveThreadSeen(threadId as ThreadId, {
        title: (thread.name as string | null) || (thread.preview as string | null) || null,
        cwd: typeof thread.cwd === 'string' ? thread.cwd : null,
        live: (existing ?? new LiveThread(threadId, '' as SessionId, null, null)).info(),
      });
      const live = existing ?? new LiveThread(threadId, summary.id, (thread.model as string) ?? null, null);
      if (typeof thread.path === 'string') live.rolloutPath = thread.path;
      if (typeof thread.cwd === 'string') live.cwd = thread.cwd;
      live.rawStatus = thread.status ?? live.rawStatus;
      this.threads.set(threadId, live);
      this.refresh(live);
      if ((live.rawStatus as { type?: string })?.type === 'active') void this.follow(live);
      this.prompts.pump(live.sessionId);
      return live;
    } catch (error) {
      this.log(`codex daemon: could not read thread ${threadId}: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * Subscribes while the thread works, so its items, approvals and the end of the turn reach us (the daemon replays an
   * approval still open to a client that subscribes). What streamed before is read from the turn itself.
   */
  async follow(live: LiveThread): Promise<void> {
    if (this.client.watchState(live.threadId) === 'subscribed') return;
    try {
      await this.client.watch(live.threadId);
      const turn = (await turnPage(this.client, live.threadId, null, 1)).turns[0];
      if (!turn) return;
      const { items } = turn;
      // The turn's prompt can pass before we subscribe (a terminal thread seen at thread/started): it names the session.
      const prompt = items.find((i) => i.kind === 'user');
      if (prompt?.kind === 'user') this.delivery.livePromptSeen(live.sessionId, prompt.text);
      if (turn.status !== 'in_progress' || live.turnId !== null) return;
      // Its turn/completed can come right behind the page and be handled first: the page is stale then.
      if (live.lastCompletedTurnId === turn.id) return;
      live.turnId = turn.id;
      this.refresh(live, 'turn_started');
      this.publish({ type: 'live.turn', sessionId: live.sessionId, turn: { id: live.turnId, status: 'in_progress', items, error: null } });
    } catch (error) {
      this.log(`codex daemon: could not follow thread ${live.threadId}: ${(error as Error).message}`);
    }
  }

  /**
   * Lets go of an idle thread. While any client is subscribed the daemon keeps a thread loaded; once its terminal has
   * gone too, the daemon unloads it about a minute later and says so, which is how "terminal closed" is known.
   */
  rest(live: LiveThread, now = false): void {
    if (live.pendingApprovals > 0 || live.delivering || live.turnId !== null) return;
    clearTimeout(this.resting.get(live.threadId));
    this.resting.delete(live.threadId);
    const fromBrowser = live.browserTurnId !== null && live.browserTurnId === live.lastCompletedTurnId;
    if (!now && (fromBrowser || this.isDriven(live))) {
      // The browser drives this thread (a driven session, or a terminal's thread whose last turn was our prompt), so its
      // next turn is likely soon: staying subscribed a while spares that turn a thread/resume (and this one a
      // thread/unsubscribe). A terminal that exits meanwhile is known to have closed that much later.
      const timer = setTimeout(() => this.rest(live, true), DRIVEN_REST_MS);
      timer.unref();
      this.resting.set(live.threadId, timer);
      return;
    }
    void this.client.unwatch(live.threadId).catch(() => {});
  }

  private isDriven(live: LiveThread): boolean {
    try {
      return this.delivery.summary(live.sessionId).kind === 'driven';
    } catch {
      return false; // its session was deleted meanwhile
    }
  }

  /** Asks the daemon where the thread's rollout is (and, with `title`, names an untitled session from its preview). */
  async learnRolloutPath(live: LiveThread, title = false): Promise<void> {
    try {
      const thread = ((await this.client.readThread(live.threadId)) as { thread?: Loose }).thread;
      const path = typeof thread?.path === 'string' ? thread.path : null;
      // The preview can still be empty when the first turn ends (seen with the 0.169 TUI); the rollout has the prompt.
      const named =
        (thread?.name as string | null) ||
        (thread?.preview as string | null) ||
        (title && path ? (await firstUserPrompt(path).catch(() => null))?.text : null);
      if (title && named) {
        const cwd = typeof thread?.cwd === 'string' ? thread.cwd : null;
        this.delivery.liveThreadSeen(live.threadId as ThreadId, { title: named, cwd, live: live.info() });
      }
      if (path) {
        live.rolloutPath = path;
        this.refresh(live);
      }
    } catch {
      // asked again after the next turn
    }
  }

  /** Runs `fn` now, or once drive mode's thread/starts on their way have bound their threads (see LiveDeps). */
  private afterOwnStarts(fn: () => void): void {
    const settled = this.deps.threadStartsSettled?.();
    if (settled) void settled.then(fn);
    else fn();
  }

  private onNotification(n: AppServerNotification): void {
    const p = (n.params ?? {}) as Loose;
    const threadId = typeof p.threadId === 'string' ? p.threadId : null;
    if (n.method === 'thread/started') {
      const thread = p.thread as Loose;
      this.afterOwnStarts(() => void this.track(String(thread.id), thread));
      return;
    }
    const live = threadId ? this.threads.get(threadId) : undefined;
    if (!live) {
      if (threadId && this.dismissed.has(threadId) && n.method === 'turn/completed') {
        void this.client.unwatch(threadId).catch(() => {});
      }
      if (threadId && n.method === 'turn/started') this.dismissed.delete(threadId);
      if (threadId && (n.method === 'thread/status/changed' || n.method === 'turn/started')) {
        this.afterOwnStarts(() => void this.track(threadId));
      }
      return;
    }
    onThreadEvent(this, live, n);
  }

  /** Offers the session's next queued prompt to its thread, if the thread can take one now. */
  pump(sessionId: SessionId): void {
    this.prompts.pump(sessionId);
  }

  private onServerRequest(request: AppServerRequest): void {
    const p = (request.params ?? {}) as Loose;
    const threadId = String(p.threadId ?? p.conversationId ?? '');
    const live = this.threads.get(threadId);
    if (!live) {
      this.log(`codex daemon: a ${request.method} request for a thread we do not know (${threadId}) was left to its other clients`);
      return;
    }
    openApproval(this, live, request);
  }

  /** Closes one approval and updates its thread's count; returns it, or null when it was already closed. */
  closeApproval(live: LiveThread | undefined, approvalId: string, state: 'answered' | 'resolved_elsewhere' | 'expired', answer?: string) {
    const closed = this.approvals.close(approvalId, state, answer ?? null);
    if (!closed) return null;
    this.delivery.approvalChanged(closed);
    if (live) {
      live.pendingApprovals = Math.max(0, live.pendingApprovals - 1);
      this.refresh(live);
    }
    return closed;
  }

  /** Expires the approvals asked on an earlier connection (all of them when `keepCurrent` is false). */
  private expireApprovals(keepCurrent: boolean): void {
    for (const entry of this.approvals.allOpen()) {
      if (keepCurrent && entry.epoch === this.epoch) continue;
      this.closeApproval(this.threads.get(entry.approval.threadId), entry.approval.id, 'expired');
    }
  }

  private publishDaemon(status: AppServerStatus): void {
    this.publish({ type: 'daemon.changed', daemon: daemonStatusOf(status, this.client.socketPath, this.threads.size) });
  }

  /** The thread of a live session, or NotFound for a session that has none. */
  liveOf(sessionId: SessionId): LiveThread {
    const live = this.threadOf(sessionId);
    if (!live) throw new NotFound('A live Codex thread for this session');
    return live;
  }
}
