// Hands a live (terminal's) thread the person's queued prompts, one `turn/start` at a time, when the thread is free. A prompt
// counts as handed once the daemon acknowledged the turn; if the connection drops before that, it goes back to the
// head of the queue, and before it is sent again the thread is checked for it (by our client message id), so a
// reconnect never sends one prompt twice.
import { localImageInput, textInput, type UserInput } from '../../codex/app-server/input.js';
import type { SessionId } from '../../shared/ids.js';
import type { DeliveredPrompt } from '../../shared/schemas.js';
import type { LiveThreads } from './service.js';
import type { LiveThread } from './thread-state.js';

type Loose = Record<string, unknown>;

/** The prompt as turn input: its text, then each image (chosen at the start, or a mentioned image attachment). */
export function inputOf(prompt: DeliveredPrompt, extraImages: string[] = []): UserInput[] {
  const attached = prompt.attachments.filter((a) => a.mimeType.startsWith('image/')).map((a) => a.path);
  return [textInput(prompt.content), ...[...extraImages, ...attached].map((path) => localImageInput(path))];
}

export class LivePrompts {
  /** Prompts whose `turn/start` was sent but not answered: they may have started a turn. */
  private readonly unsure = new Set<string>();

  constructor(private readonly live: LiveThreads) {}

  /** Starts a turn with the oldest queued prompt if the session is live, free, and no Codex is waiting for it itself. */
  pump(sessionId: SessionId): void {
    const thread = this.live.threadOf(sessionId);
    if (!thread || thread.delivering || thread.refused || !thread.canStartTurn()) return;
    if (this.live.client.status() !== 'connected') return;
    const { delivery } = this.live;
    // A Codex attached through the MCP loop and waiting takes the prompt itself.
    if (delivery.waiterCount(sessionId) > 0) return;
    // A driven session's prompts are drive mode's: it runs them on the daemon engine (or `codex exec` without one).
    if (delivery.summary(sessionId).kind === 'driven') return;
    const claim = delivery.claimForDrive(sessionId);
    if (!claim) return;
    thread.delivering = true;
    void this.send(thread, claim).finally(() => {
      thread.delivering = false;
      this.pump(sessionId);
    });
  }

  private async send(thread: LiveThread, claim: NonNullable<ReturnType<LiveThreads['delivery']['claimForDrive']>>): Promise<void> {
    const { client } = this.live;
    const { prompt, handoff } = claim;
    try {
      if (this.unsure.has(prompt.id) && (await this.alreadyStarted(thread, prompt.id))) {
        this.unsure.delete(prompt.id);
        handoff.confirm();
        return;
      }
      // Subscribing also loads a thread no terminal holds any more back into the daemon, which then runs the turn; a
      // thread still subscribed since our last prompt is loaded already, and needs no round trip.
      await client.ensureWatched(thread.threadId);
      this.unsure.add(prompt.id);
      const overrides = { clientUserMessageId: prompt.id, ...(thread.effort ? { effort: thread.effort } : {}) };
      const answer = (await client.startTurn(thread.threadId, inputOf(prompt, thread.pendingImages), overrides as never)) as {
        turn?: Loose;
      };
      thread.pendingImages = [];
      this.unsure.delete(prompt.id);
      handoff.confirm();
      const turnId = answer.turn?.id ? String(answer.turn.id) : null;
      thread.browserTurnId = turnId;
      if (turnId && turnId === thread.lastCompletedTurnId) this.live.refresh(thread, 'turn_completed');
      else if (turnId && thread.turnId === null) {
        thread.turnId = turnId;
        thread.rawStatus = { type: 'active', activeFlags: [] };
        this.live.refresh(thread, 'turn_started');
      }
    } catch (error) {
      handoff.abandon();
      if (!isDisconnect(error)) {
        this.unsure.delete(prompt.id);
        thread.refused = true;
      }
      this.live.delivery.liveDeliveryFailed(thread.sessionId, (error as Error).message);
    }
  }

  /** Whether a turn with this prompt (our client message id) is already in the thread. */
  private async alreadyStarted(thread: LiveThread, promptId: string): Promise<boolean> {
    const page = (await this.live.client.listTurns({ threadId: thread.threadId, limit: 3, sortDirection: 'desc' } as never)) as {
      data?: { items?: Loose[] }[];
    };
    return (page.data ?? []).some((turn) => (turn.items ?? []).some((item) => item.type === 'userMessage' && item.clientId === promptId));
  }
}

function isDisconnect(error: unknown): boolean {
  return (error as Error)?.name === 'AppServerDisconnected';
}
