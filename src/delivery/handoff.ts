// Handing prompts to Codex: the long poll, claiming the oldest queued prompt, and confirming or abandoning its
// hand-off. Owned by Delivery, which passes in how to change status and emit; nothing here speaks HTTP.
import type { PromptId, SessionId } from '../shared/ids.js';
import type { DeliveredPrompt, Prompt, SessionSummary, WaitStatus } from '../shared/schemas.js';
import type { Store } from '../store/store.js';
import type { ChangeParts, ChangeType } from './changes.js';
import { findMentions, withAttachmentPaths } from './mentions.js';
import type { PresenceEvent } from './presence.js';
import type { StatusEvent } from './status.js';
import { DELETED, HANDED, NOTHING_YET, STOPPED, titleFrom } from './texts.js';
import { titleWins } from './titles.js';
import { WaitHub } from './waiters.js';

const DEFAULT_WAIT_MS = 10 * 60_000;

/** A prompt on its way to Codex: the caller confirms before it writes the answer, or abandons it to requeue. */
export interface Handoff {
  /** The session as the hand-off left it (null when there was nothing to confirm), so the answer need not read it again. */
  confirm(): SessionSummary | null;
  abandon(): void;
}

export interface WaitOutcome {
  status: WaitStatus;
  instruction: DeliveredPrompt | null;
  message: string;
  sessionId: SessionId | null;
  handoff: Handoff | null;
}

export interface WaitOptions {
  timeoutMs?: number;
  acknowledge?: string;
  signal?: AbortSignal;
}

/** What the hand-off needs from its owner: status changes and change events stay Delivery's. */
export interface HandoffOwner {
  store: Store;
  transition(sessionId: SessionId, event: StatusEvent, detail?: string | null): void;
  emit(type: ChangeType, sessionId: SessionId, parts: ChangeParts): SessionSummary | undefined;
  status(sessionId: SessionId): { status: string; stopAcknowledged: boolean };
  /** What the waits show of the Codex behind them (presence.ts). */
  sawCodex(sessionId: SessionId, event: PresenceEvent, quiet?: boolean): boolean;
  waitEnded(sessionId: SessionId, how: 'timed_out' | 'dropped'): void;
}

const NO_HANDOFF: Handoff = { confirm: () => null, abandon() {} };

export class Handoffs {
  private readonly hub = new WaitHub();

  constructor(private readonly owner: HandoffOwner) {}

  waiterCount(sessionId: SessionId): number {
    return this.hub.count(sessionId);
  }

  offer(sessionId: SessionId): void {
    this.hub.offer(sessionId);
  }

  release(sessionId: SessionId, reason: 'stopped' | 'deleted'): void {
    this.hub.release(sessionId, reason);
  }

  /** Long poll: the next prompt at once, or when one is queued, or "stopped", or "nothing yet" after the bound. */
  async wait(sessionId: SessionId, options: WaitOptions): Promise<WaitOutcome> {
    if (options.acknowledge) this.acknowledge(sessionId, options.acknowledge);
    const immediate = this.takeNow(sessionId);
    if (immediate) {
      if (immediate.status === 'stopped') this.owner.sawCodex(sessionId, 'stop_delivered');
      else if (immediate.handoff === NO_HANDOFF) this.owner.sawCodex(sessionId, 'prompt_handed');
      return immediate;
    }
    const presenceChanged = this.owner.sawCodex(sessionId, 'wait_parked', true);
    if (this.owner.status(sessionId).status !== 'STOPPED') {
      this.owner.transition(sessionId, 'waiting');
      this.owner.emit('session.waiting', sessionId, { session: true });
    } else if (presenceChanged) this.owner.emit('presence.changed', sessionId, { session: true });
    const timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_WAIT_MS;
    const { store } = this.owner;
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
          if (reason === 'deleted') return finish(outcome('stopped', null, DELETED, null));
          // This waiter carries the news of the stop, so later waits are held instead of answered instantly.
          store.sessions.acknowledgeStop(sessionId);
          finish(outcome('stopped', null, STOPPED, sessionId));
          this.owner.sawCodex(sessionId, 'stop_delivered');
        },
      });
      const timer = setTimeout(() => {
        const stopped = store.sessions.flags(sessionId)?.status === 'STOPPED';
        finish(stopped ? outcome('stopped', null, STOPPED, sessionId) : outcome('no_instruction_yet', null, NOTHING_YET, sessionId));
        if (stopped) this.owner.sawCodex(sessionId, 'stop_delivered');
        else this.owner.waitEnded(sessionId, 'timed_out');
      }, timeoutMs);
      const onAbort = () => {
        if (done) return;
        finish(outcome('no_instruction_yet', null, 'The wait was cancelled.', sessionId));
        this.owner.waitEnded(sessionId, 'dropped');
      };
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Claims the oldest queued prompt: queued→handing; confirm()→handed (+ timeline); abandon()→queued. */
  claim(sessionId: SessionId): (WaitOutcome & { instruction: DeliveredPrompt; handoff: Handoff }) | null {
    const { store } = this.owner;
    const next = store.prompts.oldest(sessionId, 'queued');
    if (!next || !store.prompts.setState(next.id, 'queued', 'handing')) return null;
    this.owner.emit('prompt.claimed', sessionId, { queue: true });
    let settled = false;
    const handoff: Handoff = {
      confirm: () => {
        if (settled) return null;
        settled = true;
        return this.confirmHanded(sessionId, next);
      },
      abandon: () => {
        if (settled) return;
        settled = true;
        if (store.sessions.flags(sessionId) && store.prompts.setState(next.id, 'handing', 'queued')) {
          store.events.record(sessionId, 'prompt.requeued', { promptId: next.id });
          this.owner.emit('prompt.requeued', sessionId, { queue: true });
          this.hub.offer(sessionId);
        }
      },
    };
    const prompt = this.toDelivered(next);
    return { ...outcome('instruction', prompt, HANDED, sessionId), instruction: prompt, handoff };
  }

  private confirmHanded(sessionId: SessionId, prompt: Prompt): SessionSummary | null {
    const { store } = this.owner;
    if (!store.sessions.flags(sessionId)) return null;
    const entry = store.tx(() => {
      if (!store.prompts.setState(prompt.id, 'handing', 'handed')) return null;
      // The first prompt says what a session is about better than a conclusion does. The timeline is asked only when
      // that could change the title: a session named by the person or by Codex never looks.
      const current = store.sessions.flags(sessionId);
      const firstPrompt =
        current !== null && titleWins(current.titleSource, 'prompt') && store.timeline.firstUserPrompt(sessionId) === null;
      const entry = store.timeline.append(sessionId, 'user', prompt.content, prompt.id);
      if (firstPrompt) store.sessions.setTitle(sessionId, titleFrom(prompt.content), 'prompt');
      this.owner.transition(sessionId, 'prompt_handed');
      store.events.record(sessionId, 'prompt.handed', { promptId: prompt.id });
      return entry;
    });
    this.owner.sawCodex(sessionId, 'prompt_handed', true);
    return this.owner.emit('prompt.handed', sessionId, { session: true, queue: true, entry }) ?? null;
  }

  private acknowledge(sessionId: SessionId, promptId: string): void {
    const { store } = this.owner;
    const prompt = store.prompts.get(promptId as PromptId);
    // Usually its conclusion already delivered it: then there is nothing to write.
    if (prompt?.sessionId === sessionId && prompt.state === 'handed' && store.prompts.setState(prompt.id, 'handed', 'delivered')) {
      store.events.record(sessionId, 'prompt.delivered', { promptId });
      this.owner.emit('prompt.acknowledged', sessionId, { queue: true });
    }
  }

  /** Redelivers an unacknowledged prompt, claims the oldest queued one, or reports a fresh stop. */
  private takeNow(sessionId: SessionId): WaitOutcome | null {
    const { store } = this.owner;
    const handed = store.prompts.oldest(sessionId, 'handed');
    if (handed) return outcome('instruction', this.toDelivered(handed), HANDED, sessionId);
    const claimed = this.claim(sessionId);
    if (claimed) return claimed;
    const flags = this.owner.status(sessionId);
    if (flags.status === 'STOPPED' && !flags.stopAcknowledged) {
      store.sessions.acknowledgeStop(sessionId);
      return outcome('stopped', null, STOPPED, sessionId);
    }
    return null;
  }

  private toDelivered(prompt: Prompt): DeliveredPrompt {
    // A mention is `@name`: a prompt without an @ mentions nothing, and its session's attachments are not read.
    const stored = prompt.content.includes('@') ? this.owner.store.attachments.list(prompt.sessionId) : [];
    const mentioned = findMentions(prompt.content, stored);
    const attachments = mentioned.map((a) => ({ id: a.id, name: a.name, path: a.path, mimeType: a.mimeType }));
    return { id: prompt.id, text: prompt.content, content: withAttachmentPaths(prompt.content, attachments), attachments };
  }
}

function outcome(status: WaitStatus, prompt: DeliveredPrompt | null, message: string, sessionId: SessionId | null): WaitOutcome {
  return { status, instruction: prompt, message, sessionId, handoff: status === 'instruction' ? NO_HANDOFF : null };
}
