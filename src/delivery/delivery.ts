// The one owner of session state: every change to a session, its queue, its timeline or its attachments goes through
// an intent method here, which applies the status and title tables, writes the store, and emits one domain event.
// Codex attaches, concludes and waits; the person queues prompts; drive mode runs turns. No prompt is lost or doubled.
// Must not know about HTTP (hand-offs are confirmed by the caller).
import { AppError, NotFound, PromptNotEditable, QueueFull, SessionNotFound } from '../errors.js';
import type { ContextForm, ContextLink, NamedSource } from '../shared/context.js';
import type { AttachmentId, PromptId, SessionId, ThreadId } from '../shared/ids.js';
import type { Approval, LiveInfo } from '../shared/live.js';
import type { DeliveredPrompt, Prompt, SessionSummary, TimelineEntry } from '../shared/schemas.js';
import { type StoredAttachment, type StoredAttachmentInput, wireAttachment } from '../store/attachments.js';
import type { Store } from '../store/store.js';
import { uniqueName } from './attachment-names.js';
import { ChangeFeed, type ChangeListener, type ChangeParts, type ChangeType } from './changes.js';
import { type Handoff, Handoffs, type WaitOptions, type WaitOutcome } from './handoff.js';
import { isPresent, QUEUED_NOT_CONNECTED } from './presence.js';
import { PresenceTracker } from './presence-tracker.js';
import { nextStatus, type StatusEvent } from './status.js';
import { titleFrom } from './texts.js';
import { titleWins } from './titles.js';

export type { Handoff, WaitOptions, WaitOutcome } from './handoff.js';

export const QUEUE_LIMIT = 100;

/** How a driven turn ended when it produced no conclusion. */
export type TurnEnd = 'turn_completed' | 'failed' | 'stop';

export class Delivery {
  private readonly feed = new ChangeFeed();
  private readonly handoffs: Handoffs;
  private readonly presence: PresenceTracker;

  /** `presenceGraceMs`: how long after a wait ends without a new one before presence changes (tests shorten it). */
  constructor(
    private readonly store: Store,
    options: { presenceGraceMs?: number } = {},
  ) {
    store.prompts.requeueAllHanding();
    const emit = (type: ChangeType, sessionId: SessionId, parts: ChangeParts) => this.emit(type, sessionId, parts);
    this.presence = new PresenceTracker({ store, emit, waiterCount: (id) => this.waiterCount(id) }, options.presenceGraceMs);
    this.handoffs = new Handoffs({
      store,
      transition: (sessionId, event, detail) => this.transition(sessionId, event, detail),
      emit,
      status: (sessionId) => this.flags(sessionId),
      sawCodex: (sessionId, event, quiet) => this.presence.note(sessionId, event, quiet),
      waitEnded: (sessionId, how) => this.presence.waitEnded(sessionId, how),
    });
  }

  /** Every change, right after it is stored: the push bridge, drive mode and the rollout follower listen here. */
  subscribe(listener: ChangeListener): () => void {
    return this.feed.subscribe(listener);
  }

  // ---- lookups ----

  summary(sessionId: SessionId): SessionSummary {
    const s = this.store.sessions.summary(sessionId);
    if (!s) throw new SessionNotFound(sessionId);
    return s;
  }

  sessionIdByThread(threadId: ThreadId): SessionId {
    const id = this.store.sessions.idByThread(threadId);
    if (!id) throw new SessionNotFound(threadId);
    return id;
  }

  waiterCount(sessionId: SessionId): number {
    return this.handoffs.waiterCount(sessionId);
  }

  // ---- Codex side ----

  /** Creates or resumes the session bound to a Codex thread. A rollout file need not exist yet. */
  attach(threadId: ThreadId, title?: string): SessionSummary {
    const [type, sessionId] = this.store.tx((): [ChangeType, SessionId] => {
      const existing = this.store.sessions.idByThread(threadId);
      if (existing) {
        if (title && titleWins(this.flags(existing).titleSource, 'codex')) this.store.sessions.setTitle(existing, title, 'codex');
        this.transition(existing, 'codex_attached');
        this.store.events.record(existing, 'session.resumed', { threadId });
        return ['session.attached', existing];
      }
      const id = this.store.sessions.create({
        threadId,
        kind: 'attached',
        title: title || `Codex thread ${threadId.slice(0, 8)}`,
        titleSource: title ? 'codex' : 'default',
        status: 'RUNNING',
      });
      this.store.events.record(id, 'session.created', { threadId });
      return ['session.created', id];
    });
    this.presence.note(sessionId, 'codex_called', true);
    return this.emit(type, sessionId, { session: true });
  }

  /** The MCP server says its Codex ended (stdin closed, its parent exited): nobody takes this thread's prompts now. */
  codexGone(threadId: ThreadId, reason: string): SessionSummary {
    const sessionId = this.sessionIdByThread(threadId);
    this.store.events.record(sessionId, 'codex.gone', { reason });
    this.presence.note(sessionId, 'codex_exited');
    return this.summary(sessionId);
  }

  /**
   * Stores Codex's conclusion; prompts it was handed count as delivered from here on. A `requestId` seen before
   * (the sender retrying after a lost answer) returns the conclusion already stored.
   */
  conclude(threadId: ThreadId, content: string, requestId?: string): { entry: TimelineEntry; session: SessionSummary } {
    const sessionId = this.store.sessions.idByThread(threadId) ?? this.attach(threadId).id;
    const stored = requestId ? this.store.timeline.byRequestId(sessionId, requestId) : null;
    if (stored) return { entry: stored, session: this.summary(sessionId) };
    const entry = this.store.tx(() => {
      this.deliverHanded(sessionId);
      const entry = this.store.timeline.append(sessionId, 'codex', content, null, requestId ?? null) as TimelineEntry;
      this.store.sessions.markConcluded(sessionId, entry.createdAt);
      if (titleWins(this.flags(sessionId).titleSource, 'conclusion')) {
        this.store.sessions.setTitle(sessionId, titleFrom(content), 'conclusion');
      }
      this.transition(sessionId, 'conclusion');
      this.store.events.record(sessionId, 'conclusion.submitted', { entryId: entry.id });
      return entry;
    });
    this.presence.note(sessionId, 'codex_called', true);
    return { entry, session: this.emit('conclusion.stored', sessionId, { entry, queue: true, session: true }) };
  }

  /** Long poll: the next prompt at once, or when one is queued, or "stopped", or "nothing yet" after the bound. */
  wait(threadId: ThreadId, options: WaitOptions = {}): Promise<WaitOutcome> {
    const sessionId = this.store.sessions.idByThread(threadId) ?? this.attach(threadId).id;
    return this.handoffs.wait(sessionId, options);
  }

  // ---- person side ----

  queue(sessionId: SessionId, content: string): Prompt {
    const prompt = this.store.tx(() => {
      const unheard = this.flags(sessionId).kind === 'attached' && !isPresent(this.store.sessions.presenceOf(sessionId));
      if (this.store.prompts.countQueued(sessionId) >= QUEUE_LIMIT) throw new QueueFull(QUEUE_LIMIT);
      const prompt = this.store.prompts.enqueue(sessionId, content);
      if (unheard) this.transition(sessionId, 'prompt_queued_unheard', QUEUED_NOT_CONNECTED);
      else this.transition(sessionId, 'prompt_queued');
      this.store.events.record(sessionId, 'prompt.queued', { promptId: prompt.id });
      return prompt;
    });
    this.emit('prompt.queued', sessionId, { queue: true, session: true });
    this.handoffs.offer(sessionId);
    return this.store.prompts.get(prompt.id) ?? prompt;
  }

  editPrompt(sessionId: SessionId, id: PromptId, content: string): Prompt {
    const current = this.promptOf(sessionId, id);
    if (!this.store.prompts.edit(id, content)) throw new PromptNotEditable(current.state);
    this.store.events.record(sessionId, 'prompt.updated', { promptId: id });
    this.emit('prompt.edited', sessionId, { queue: true });
    return this.promptOf(sessionId, id);
  }

  deletePrompt(sessionId: SessionId, id: PromptId): Prompt {
    const current = this.promptOf(sessionId, id);
    if (!this.store.prompts.delete(id)) throw new PromptNotEditable(current.state);
    this.store.events.record(sessionId, 'prompt.deleted', { promptId: id });
    this.emit('prompt.removed', sessionId, { queue: true, session: true });
    return current;
  }

  reorderQueue(sessionId: SessionId, order: PromptId[]): Prompt[] {
    this.store.tx(() => {
      this.summary(sessionId);
      const queued = this.store.prompts.pending(sessionId).filter((i) => i.state === 'queued');
      const expected = new Set(queued.map((i) => i.id));
      if (order.length !== expected.size || new Set(order).size !== order.length || !order.every((id) => expected.has(id))) {
        throw new AppError(
          409,
          'The queue changed while you were reordering it (a prompt was sent, added or removed). Reload and try again.',
        );
      }
      this.store.prompts.reorder(sessionId, order);
    });
    this.emit('queue.reordered', sessionId, { queue: true });
    return this.store.prompts.pending(sessionId);
  }

  stop(sessionId: SessionId): SessionSummary {
    this.summary(sessionId);
    this.transition(sessionId, 'stop');
    this.store.events.record(sessionId, 'session.stopped');
    const summary = this.emit('session.stopped', sessionId, { session: true });
    this.handoffs.release(sessionId, 'stopped');
    return summary;
  }

  rename(sessionId: SessionId, title: string): SessionSummary {
    this.summary(sessionId);
    this.store.sessions.setTitle(sessionId, title, 'user');
    return this.emit('session.renamed', sessionId, { session: true });
  }

  markRead(sessionId: SessionId): SessionSummary {
    this.summary(sessionId);
    this.store.sessions.markRead(sessionId);
    return this.emit('session.read', sessionId, { session: true });
  }

  clearTimeline(sessionId: SessionId): void {
    this.summary(sessionId);
    this.store.timeline.clear(sessionId);
    this.store.events.record(sessionId, 'conversation.cleared');
    this.emit('timeline.cleared', sessionId, { session: true });
  }

  /** Deletes the session's rows; the caller removes its attachment folder. Waiters are told to end their loop. */
  delete(sessionId: SessionId): void {
    this.summary(sessionId);
    this.store.sessions.delete(sessionId);
    this.presence.forget(sessionId);
    this.handoffs.release(sessionId, 'deleted');
    this.feed.emit({ type: 'session.deleted', sessionId });
  }

  /** Records an upload whose bytes are on disk; it is named only now, so parallel uploads of one name get (2), (3). */
  addAttachment(input: Omit<StoredAttachmentInput, 'name'> & { wantedName: string }): StoredAttachment {
    const { wantedName, ...rest } = input;
    const row = this.store.tx(() => {
      this.summary(input.sessionId);
      const name = uniqueName(wantedName, this.store.attachments.names(input.sessionId));
      const row = this.store.attachments.insert({ ...rest, name });
      this.store.events.record(input.sessionId, 'attachment.uploaded', { attachmentId: input.id, name });
      return row;
    });
    this.emit('attachments.changed', input.sessionId, { attachments: true, session: true });
    return row;
  }

  /** Forgets an attachment; removing its file is the caller's. */
  removeAttachment(sessionId: SessionId, id: AttachmentId): StoredAttachment {
    const attachment = this.store.attachments.get(sessionId, id);
    if (!attachment || !this.store.attachments.delete(sessionId, id)) throw new NotFound('That attachment');
    this.store.events.record(sessionId, 'attachment.deleted', { attachmentId: id });
    this.emit('attachments.changed', sessionId, { attachments: true, session: true });
    return attachment;
  }

  /** The session's rollout file was found (or moved); stored so the next lookup starts there. */
  rolloutLocated(sessionId: SessionId, path: string): void {
    const session = this.store.sessions.summary(sessionId);
    if (!session || session.rolloutPath === path) return;
    this.store.sessions.setRolloutPath(sessionId, path);
    this.emit('rollout.located', sessionId, { session: true });
  }

  // ---- drive mode (we run codex exec; same queue states as a waiter) ----

  /** A driven session: `setUp` stores what drive mode keeps of it (its settings) in the same transaction. */
  createDriven(input: { title: string | undefined; cwd: string }, setUp: (sessionId: SessionId) => void): SessionSummary {
    const sessionId = this.store.tx(() => {
      const id = this.store.sessions.create({
        threadId: null,
        kind: 'driven',
        title: input.title || 'New Codex session',
        titleSource: input.title ? 'user' : 'default',
        status: 'RUNNING',
        cwd: input.cwd,
      });
      setUp(id);
      return id;
    });
    return this.emit('session.created', sessionId, { session: true });
  }

  /**
   * Codex Pro Max takes over a thread whose Codex is gone: the session becomes driven in `cwd`, and `setUp` stores its
   * drive settings in the same transaction. Its queued prompts then run as `codex exec resume` turns on that thread.
   */
  takeOver(sessionId: SessionId, cwd: string, setUp: (sessionId: SessionId) => void): SessionSummary {
    this.store.tx(() => {
      this.store.sessions.setDriven(sessionId, cwd);
      setUp(sessionId);
      this.store.events.record(sessionId, 'session.taken_over', { cwd });
    });
    this.presence.forget(sessionId);
    this.store.sessions.setPresence(sessionId, 'unknown');
    return this.emit('session.taken_over', sessionId, { session: true });
  }

  /** Codex named the thread of a driven session's first turn. */
  bindThread(sessionId: SessionId, threadId: ThreadId, detail: Record<string, unknown> = {}): void {
    this.store.tx(() => {
      this.store.sessions.bindThread(sessionId, threadId);
      this.store.events.record(sessionId, 'thread.bound', { threadId, ...detail });
    });
    this.emit('thread.bound', sessionId, { session: true });
  }

  /** Claims the oldest queued prompt for a `codex exec` turn: queued→handing; confirm()→handed (+ timeline); abandon()→queued. */
  claimForDrive(sessionId: SessionId): { prompt: DeliveredPrompt; handoff: Handoff } | null {
    const claimed = this.handoffs.claim(sessionId);
    return claimed ? { prompt: claimed.instruction, handoff: claimed.handoff } : null;
  }

  turnStarted(sessionId: SessionId): void {
    this.transition(sessionId, 'turn_started');
    this.emit('turn.started', sessionId, { session: true });
  }

  /** Every turn slot is taken: the session says why nothing happens yet. */
  waitingForSlot(sessionId: SessionId, detail: string): void {
    this.transition(sessionId, 'prompt_queued', detail);
    this.emit('turn.waiting_for_slot', sessionId, { session: true });
  }

  /** A driven turn ended without a conclusion (failed, interrupted, or silent): what Codex was handed counts as delivered. */
  settleDrivenTurn(sessionId: SessionId, end: TurnEnd, detail: string | null): SessionSummary {
    this.store.tx(() => {
      this.deliverHanded(sessionId);
      this.transition(sessionId, end, detail);
    });
    return this.emit('turn.settled', sessionId, { queue: true, session: true });
  }

  /** A new session carries on the context of `sources` (verbatim, groomed or as a fork): stored, then told to every tab. */
  carriedOn(sessionId: SessionId, form: ContextForm, sources: NamedSource[]): ContextLink {
    const link = this.store.tx(() => {
      this.summary(sessionId);
      this.store.contextLinks.add(sessionId, form, sources);
      this.store.events.record(sessionId, 'context.carried', { form, sources });
      return this.store.contextLinks.carriedFrom(sessionId) as ContextLink;
    });
    this.feed.emit({ type: 'context.carried', sessionId, carried: link });
    return link;
  }

  // ---- live threads (the Codex daemon) ----

  /** The daemon has this thread loaded: the session bound to it (created if there is none) shows its live side. */
  liveThreadSeen(threadId: ThreadId, input: { title: string | null; cwd: string | null; live: LiveInfo }): SessionSummary {
    const [type, sessionId] = this.store.tx((): [ChangeType, SessionId] => {
      const existing = this.store.sessions.idByThread(threadId);
      if (existing) {
        this.store.sessions.setLive(existing, input.live);
        if (input.title && titleWins(this.flags(existing).titleSource, 'codex'))
          this.store.sessions.setTitle(existing, titleFrom(input.title), 'codex');
        return ['live.changed', existing];
      }
      const id = this.store.sessions.create({
        threadId,
        kind: 'attached',
        title: input.title ? titleFrom(input.title) : `Codex thread ${threadId.slice(0, 8)}`,
        titleSource: input.title ? 'codex' : 'default',
        status: input.live.status === 'idle' || input.live.status === 'closed' ? 'WAITING_FOR_INSTRUCTION' : 'RUNNING',
        cwd: input.cwd,
      });
      this.store.sessions.setLive(id, input.live);
      this.store.events.record(id, 'session.created', { threadId, live: true });
      return ['live.seen', id];
    });
    return this.emit(type, sessionId, { session: true });
  }

  /** A live thread changed: its live side, and the session status when a turn started or ended. */
  liveChanged(sessionId: SessionId, live: LiveInfo | null, event?: 'turn_started' | 'turn_completed' | 'failed'): SessionSummary {
    this.store.tx(() => {
      this.store.sessions.setLive(sessionId, live);
      if (event) this.transition(sessionId, event);
      // What a turn was given is delivered once that turn has ended, however it ended.
      if (event && event !== 'turn_started') this.deliverHanded(sessionId);
    });
    return this.emit('live.changed', sessionId, { session: true, queue: event !== undefined && event !== 'turn_started' });
  }

  /** Sessions that show a live side, for closing them all when nothing is known about the daemon any more. */
  liveSessions(): SessionId[] {
    return this.store.sessions.withLive();
  }

  /** The daemon no longer has this thread (or we lost the daemon): the session says its terminal is closed. */
  liveClosed(sessionId: SessionId): void {
    const live = this.summary(sessionId).live;
    if (!live || live.status === 'closed') return;
    this.liveChanged(sessionId, { ...live, status: 'closed', turnId: null, pendingApprovals: 0, updatedAt: new Date().toISOString() });
  }

  /** A live thread's prompt (typed in its terminal or sent from here) names the session while nothing better has. */
  livePromptSeen(sessionId: SessionId, text: string): void {
    const current = this.summary(sessionId);
    if (!text.trim() || !titleWins(current.titleSource, 'prompt')) return;
    this.store.sessions.setTitle(sessionId, titleFrom(text), 'prompt');
    this.emit('session.renamed', sessionId, { session: true });
  }

  /** A live thread did not take the prompt it was offered (now back at the head of the queue): say why. */
  liveDeliveryFailed(sessionId: SessionId, why: string): void {
    this.transition(sessionId, 'prompt_queued', `Codex did not take the prompt yet (${why}). It stays first in the queue.`);
    this.emit('live.changed', sessionId, { session: true });
  }

  /** An approval opened or closed; every tab shows or drops it. */
  approvalChanged(approval: Approval): void {
    this.feed.emit({ type: 'approval.changed', sessionId: approval.sessionId as SessionId, approval });
  }

  // ---- internals ----

  /** Sets status through the rules table, with an optional detail (such as an error explanation). */
  private transition(sessionId: SessionId, event: StatusEvent, detail: string | null = null): void {
    const flags = this.flags(sessionId);
    const status = nextStatus(flags.status, event);
    // Codex parking in its wait right after a conclusion changes nothing a person sees. Stored, it moved the session
    // to the top of the sidebar each time a long poll was renewed, and cost a write on every turn.
    if (event === 'waiting' && status === flags.status && detail === flags.statusDetail) return;
    this.store.sessions.setStatus(sessionId, status, detail);
  }

  /**
   * Emits one change with the parts asked for, read after the write. With the session part it returns the session as
   * it now is; without, the session row is not read at all (claims and queue edits happen on every hand-off).
   */
  private emit(type: ChangeType, sessionId: SessionId, parts: ChangeParts & { session: true }): SessionSummary;
  private emit(type: ChangeType, sessionId: SessionId, parts: ChangeParts): SessionSummary | undefined;
  private emit(type: ChangeType, sessionId: SessionId, parts: ChangeParts): SessionSummary | undefined {
    const session = parts.session ? this.summary(sessionId) : undefined;
    this.feed.emit({
      type,
      sessionId,
      ...(parts.entry ? { entry: parts.entry } : {}),
      ...(parts.queue ? { queue: this.store.prompts.pending(sessionId) } : {}),
      ...(parts.attachments ? { attachments: this.store.attachments.list(sessionId).map(wireAttachment) } : {}),
      ...(session ? { session } : {}),
    });
    return session;
  }

  private flags(sessionId: SessionId) {
    const flags = this.store.sessions.flags(sessionId);
    if (!flags) throw new SessionNotFound(sessionId);
    return flags;
  }

  private promptOf(sessionId: SessionId, id: PromptId): Prompt {
    const prompt = this.store.prompts.get(id);
    if (!prompt || prompt.sessionId !== sessionId) throw new NotFound('That queued prompt');
    return prompt;
  }

  private deliverHanded(sessionId: SessionId): void {
    if (this.store.prompts.deliverHanded(sessionId) > 0) this.store.events.record(sessionId, 'prompt.delivered');
  }
}
