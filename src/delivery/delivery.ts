// The loop's rules: Codex attaches, concludes and waits; the person queues prompts. No prompt is lost or doubled.
// Owns status changes and push messages for them; must not know about HTTP (handoffs are confirmed by the caller).
import { AppError, InstructionNotEditable, NotFound, QueueFull, SessionNotFound } from '../errors.js';
import type { InstructionId, SessionId, ThreadId } from '../shared/ids.js';
import type { PushMessage } from '../shared/push.js';
import type { DeliveredInstruction, Instruction, SessionSummary, TimelineEntry, WaitStatus } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import { findMentions, withAttachmentPaths } from './mentions.js';
import { nextStatus, type StatusEvent } from './status.js';
import { DELETED, HANDED, NOTHING_YET, STOPPED, titleFrom } from './texts.js';
import { WaitHub } from './waiters.js';

export const QUEUE_LIMIT = 100;
export const DEFAULT_WAIT_MS = 10 * 60_000;

/** A prompt on its way to Codex: the caller confirms once the answer is written, or abandons it to requeue. */
export interface Handoff {
  confirm(): void;
  abandon(): void;
}

export interface WaitOutcome {
  status: WaitStatus;
  instruction: DeliveredInstruction | null;
  message: string;
  sessionId: SessionId | null;
  handoff: Handoff | null;
}

export interface WaitOptions {
  timeoutMs?: number;
  acknowledge?: string;
  signal?: AbortSignal;
}

const NO_HANDOFF: Handoff = { confirm() {}, abandon() {} };

export class Delivery {
  private readonly hub = new WaitHub();
  private readonly queuedListeners: ((sessionId: SessionId) => void)[] = [];
  private readonly stopListeners: ((sessionId: SessionId) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly publish: (message: PushMessage) => void,
  ) {
    store.instructions.requeueAllHanding();
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
    return this.hub.count(sessionId);
  }

  /** Called after a prompt is queued; drive mode uses it to run turns unattended. */
  onInstructionQueued(listener: (sessionId: SessionId) => void): void {
    this.queuedListeners.push(listener);
  }

  /** Called after the person stops or deletes a session; drive mode uses it to interrupt a running `codex exec` turn. */
  onStop(listener: (sessionId: SessionId) => void): void {
    this.stopListeners.push(listener);
  }

  // ---- drive mode (we run codex exec; same queue states as a waiter) ----

  /** Claims the oldest queued prompt for a `codex exec` turn: queued→handing; confirm()→handed (+ timeline); abandon()→queued. */
  claimForDrive(sessionId: SessionId): { instruction: DeliveredInstruction; handoff: Handoff } | null {
    const claimed = this.claim(sessionId);
    return claimed?.instruction && claimed.handoff ? { instruction: claimed.instruction, handoff: claimed.handoff } : null;
  }

  /** A driven turn ended without a conclusion (failed, interrupted, or silent): what Codex was handed counts as delivered. */
  settleDrivenTurn(sessionId: SessionId, event: 'turn_completed' | 'failed' | 'stop', detail: string | null): SessionSummary {
    this.store.tx(() => {
      this.deliverHanded(sessionId);
      this.transition(sessionId, event, detail);
    });
    this.publishQueue(sessionId);
    return this.publishSession(sessionId);
  }

  // ---- Codex side ----

  /** Creates or resumes the session bound to a Codex thread. A rollout file need not exist yet. */
  attach(threadId: ThreadId, title?: string): SessionSummary {
    const sessionId = this.store.tx(() => {
      const existing = this.store.sessions.idByThread(threadId);
      if (existing) {
        const current = this.summary(existing);
        if (title && current.titleSource !== 'user') this.store.sessions.setTitle(existing, title, 'codex');
        this.transition(existing, 'codex_attached');
        this.store.events.record(existing, 'session.resumed', { threadId });
        return existing;
      }
      const id = this.store.sessions.create({
        threadId,
        kind: 'attached',
        title: title || `Codex thread ${threadId.slice(0, 8)}`,
        titleSource: title ? 'codex' : 'default',
        status: 'RUNNING',
      });
      this.store.events.record(id, 'session.created', { threadId });
      return id;
    });
    return this.publishSession(sessionId);
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
      const s = this.summary(sessionId);
      if (s.titleSource === 'default') this.store.sessions.setTitle(sessionId, titleFrom(content), 'conclusion');
      this.transition(sessionId, 'conclusion');
      this.store.events.record(sessionId, 'conclusion.submitted', { entryId: entry.id });
      return entry;
    });
    this.publish({ type: 'timeline.appended', sessionId, entry });
    this.publishQueue(sessionId);
    return { entry, session: this.publishSession(sessionId) };
  }

  /** Long poll: the next prompt at once, or when one is queued, or "stopped", or "nothing yet" after the bound. */
  async wait(threadId: ThreadId, options: WaitOptions = {}): Promise<WaitOutcome> {
    const sessionId = this.store.sessions.idByThread(threadId) ?? this.attach(threadId).id;
    if (options.acknowledge) this.acknowledge(sessionId, options.acknowledge);
    const immediate = this.takeNow(sessionId);
    if (immediate) return immediate;
    if (this.flags(sessionId).status !== 'STOPPED') {
      this.transition(sessionId, 'waiting');
      this.publishSession(sessionId);
    }
    const timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_WAIT_MS;
    return new Promise<WaitOutcome>((resolve) => {
      let done = false;
      const finish = (outcome: WaitOutcome) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        removeWaiter();
        resolve(outcome);
      };
      const removeWaiter = this.hub.add(sessionId, {
        offer: () => {
          if (done) return false;
          const claimed = this.claim(sessionId);
          if (claimed) finish(claimed);
          return claimed !== null;
        },
        release: (reason) => {
          if (reason === 'deleted') return finish(this.outcome('stopped', null, DELETED, null));
          // This waiter carries the news of the stop, so later waits are held instead of answered instantly.
          this.store.sessions.acknowledgeStop(sessionId);
          finish(this.stoppedOutcome(sessionId));
        },
      });
      const timer = setTimeout(() => {
        const flags = this.store.sessions.flags(sessionId);
        finish(
          flags?.status === 'STOPPED' ? this.stoppedOutcome(sessionId) : this.outcome('no_instruction_yet', null, NOTHING_YET, sessionId),
        );
      }, timeoutMs);
      const onAbort = () => finish(this.outcome('no_instruction_yet', null, 'The wait was cancelled.', sessionId));
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  // ---- person side ----

  queue(sessionId: SessionId, content: string): Instruction {
    const instruction = this.store.tx(() => {
      this.summary(sessionId);
      if (this.store.instructions.countQueued(sessionId) >= QUEUE_LIMIT) throw new QueueFull(QUEUE_LIMIT);
      const instruction = this.store.instructions.enqueue(sessionId, content);
      this.transition(sessionId, 'instruction_queued');
      this.store.events.record(sessionId, 'instruction.queued', { instructionId: instruction.id });
      return instruction;
    });
    this.publishQueue(sessionId);
    this.publishSession(sessionId);
    this.hub.offer(sessionId);
    for (const listener of this.queuedListeners) listener(sessionId);
    return this.store.instructions.get(instruction.id) ?? instruction;
  }

  editInstruction(sessionId: SessionId, id: InstructionId, content: string): Instruction {
    const current = this.instructionOf(sessionId, id);
    if (!this.store.instructions.edit(id, content)) throw new InstructionNotEditable(current.state);
    this.store.events.record(sessionId, 'instruction.updated', { instructionId: id });
    this.publishQueue(sessionId);
    return this.instructionOf(sessionId, id);
  }

  deleteInstruction(sessionId: SessionId, id: InstructionId): Instruction {
    const current = this.instructionOf(sessionId, id);
    if (!this.store.instructions.delete(id)) throw new InstructionNotEditable(current.state);
    this.store.events.record(sessionId, 'instruction.deleted', { instructionId: id });
    this.publishQueue(sessionId);
    this.publishSession(sessionId);
    return current;
  }

  reorderQueue(sessionId: SessionId, order: InstructionId[]): Instruction[] {
    this.store.tx(() => {
      this.summary(sessionId);
      const queued = this.store.instructions.pending(sessionId).filter((i) => i.state === 'queued');
      const expected = new Set(queued.map((i) => i.id));
      if (order.length !== expected.size || new Set(order).size !== order.length || !order.every((id) => expected.has(id))) {
        throw new AppError(
          409,
          'The queue changed while you were reordering it (a prompt was sent, added or removed). Reload and try again.',
        );
      }
      this.store.instructions.reorder(sessionId, order);
    });
    this.publishQueue(sessionId);
    return this.store.instructions.pending(sessionId);
  }

  stop(sessionId: SessionId): SessionSummary {
    this.summary(sessionId);
    this.transition(sessionId, 'stop');
    this.store.events.record(sessionId, 'session.stopped');
    const summary = this.publishSession(sessionId);
    this.hub.release(sessionId, 'stopped');
    for (const listener of this.stopListeners) listener(sessionId);
    return summary;
  }

  rename(sessionId: SessionId, title: string): SessionSummary {
    this.summary(sessionId);
    this.store.sessions.setTitle(sessionId, title, 'user');
    return this.publishSession(sessionId);
  }

  markRead(sessionId: SessionId): SessionSummary {
    this.summary(sessionId);
    this.store.sessions.markRead(sessionId);
    return this.publishSession(sessionId);
  }

  clearTimeline(sessionId: SessionId): void {
    this.summary(sessionId);
    this.store.timeline.clear(sessionId);
    this.store.events.record(sessionId, 'conversation.cleared');
    this.publish({ type: 'timeline.cleared', sessionId });
    this.publishSession(sessionId);
  }

  /** Deletes the session's rows; the caller removes its attachment folder. Waiters are told to end their loop. */
  delete(sessionId: SessionId): void {
    this.summary(sessionId);
    for (const listener of this.stopListeners) listener(sessionId);
    this.store.sessions.delete(sessionId);
    this.hub.release(sessionId, 'deleted');
    this.publish({ type: 'session.deleted', sessionId });
  }

  /** Sets status through the rules table, with an optional detail (such as an error explanation). */
  transition(sessionId: SessionId, event: StatusEvent, detail: string | null = null): void {
    const flags = this.flags(sessionId);
    this.store.sessions.setStatus(sessionId, nextStatus(flags.status, event), detail);
  }

  publishSession(sessionId: SessionId): SessionSummary {
    const session = this.summary(sessionId);
    this.publish({ type: 'session.upserted', sessionId, session });
    return session;
  }

  publishQueue(sessionId: SessionId): void {
    this.publish({ type: 'queue.changed', sessionId, queue: this.store.instructions.pending(sessionId) });
  }

  // ---- internals ----

  private flags(sessionId: SessionId) {
    const flags = this.store.sessions.flags(sessionId);
    if (!flags) throw new SessionNotFound(sessionId);
    return flags;
  }

  private instructionOf(sessionId: SessionId, id: InstructionId): Instruction {
    const instruction = this.store.instructions.get(id);
    if (!instruction || instruction.sessionId !== sessionId) throw new NotFound('That queued prompt');
    return instruction;
  }

  private deliverHanded(sessionId: SessionId): void {
    if (this.store.instructions.deliverHanded(sessionId) > 0) this.store.events.record(sessionId, 'instruction.delivered');
  }

  private acknowledge(sessionId: SessionId, instructionId: string): void {
    const instruction = this.store.instructions.get(instructionId as InstructionId);
    if (instruction?.sessionId === sessionId && this.store.instructions.setState(instruction.id, 'handed', 'delivered')) {
      this.store.events.record(sessionId, 'instruction.delivered', { instructionId });
      this.publishQueue(sessionId);
    }
  }

  /** Redelivers an unacknowledged prompt, claims the oldest queued one, or reports a fresh stop. */
  private takeNow(sessionId: SessionId): WaitOutcome | null {
    const handed = this.store.instructions.oldest(sessionId, 'handed');
    if (handed) return this.outcome('instruction', this.toDelivered(handed), HANDED, sessionId);
    const claimed = this.claim(sessionId);
    if (claimed) return claimed;
    const flags = this.flags(sessionId);
    if (flags.status === 'STOPPED' && !flags.stopAcknowledged) {
      this.store.sessions.acknowledgeStop(sessionId);
      return this.stoppedOutcome(sessionId);
    }
    return null;
  }

  private claim(sessionId: SessionId): WaitOutcome | null {
    const next = this.store.instructions.oldest(sessionId, 'queued');
    if (!next || !this.store.instructions.setState(next.id, 'queued', 'handing')) return null;
    this.publishQueue(sessionId);
    let settled = false;
    const handoff: Handoff = {
      confirm: () => {
        if (settled) return;
        settled = true;
        this.confirmHanded(sessionId, next);
      },
      abandon: () => {
        if (settled) return;
        settled = true;
        if (this.store.sessions.flags(sessionId) && this.store.instructions.setState(next.id, 'handing', 'queued')) {
          this.store.events.record(sessionId, 'instruction.requeued', { instructionId: next.id });
          this.publishQueue(sessionId);
          this.hub.offer(sessionId);
        }
      },
    };
    return { ...this.outcome('instruction', this.toDelivered(next), HANDED, sessionId), handoff };
  }

  private confirmHanded(sessionId: SessionId, instruction: Instruction): void {
    if (!this.store.sessions.flags(sessionId)) return;
    const entry = this.store.tx(() => {
      if (!this.store.instructions.setState(instruction.id, 'handing', 'handed')) return null;
      const firstPrompt = this.store.timeline.firstUserPrompt(sessionId) === null;
      const entry = this.store.timeline.append(sessionId, 'user', instruction.content, instruction.id);
      const { titleSource } = this.summary(sessionId);
      // The first prompt says what a session is about better than a conclusion does; a name Codex or the person gave wins.
      if (firstPrompt && (titleSource === 'default' || titleSource === 'conclusion')) {
        this.store.sessions.setTitle(sessionId, titleFrom(instruction.content), 'prompt');
      }
      this.transition(sessionId, 'instruction_handed');
      this.store.events.record(sessionId, 'instruction.handed', { instructionId: instruction.id });
      return entry;
    });
    if (entry) this.publish({ type: 'timeline.appended', sessionId, entry });
    this.publishQueue(sessionId);
    this.publishSession(sessionId);
  }

  private toDelivered(instruction: Instruction): DeliveredInstruction {
    const attachments = findMentions(instruction.content, this.store.attachments.list(instruction.sessionId)).map((a) => ({
      id: a.id,
      name: a.name,
      path: a.path,
      mimeType: a.mimeType,
    }));
    return { id: instruction.id, text: instruction.content, content: withAttachmentPaths(instruction.content, attachments), attachments };
  }

  private stoppedOutcome(sessionId: SessionId): WaitOutcome {
    return this.outcome('stopped', null, STOPPED, sessionId);
  }

  private outcome(status: WaitStatus, instruction: DeliveredInstruction | null, message: string, sessionId: SessionId | null): WaitOutcome {
    return { status, instruction, message, sessionId, handoff: status === 'instruction' ? NO_HANDOFF : null };
  }
}
