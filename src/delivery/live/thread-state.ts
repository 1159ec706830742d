// What we hold about one live thread between daemon messages: its session, status, running turn and the diffs of
// its file changes (an approval for a file change names the item; the diff came with the item).
import { liveStatusOf } from '../../codex/app-server/thread-items.js';
import type { SessionId } from '../../shared/ids.js';
import type { LiveInfo } from '../../shared/live.js';

export class LiveThread {
  /** The daemon's own status object for the thread (`{type: 'idle'}`, `{type: 'active', activeFlags}`, …). */
  rawStatus: unknown = { type: 'notLoaded' };
  turnId: string | null = null;
  pendingApprovals = 0;
  /** A prompt is on its way in a `turn/start`; no second one goes until it is answered. */
  delivering = false;
  /** The last `turn/start` was refused: no retry until the thread changes or the person queues again. */
  refused = false;
  /** A turn can end before its `turn/start` is answered; then its prompt is settled when the answer comes. */
  lastCompletedTurnId: string | null = null;
  /** The last turn a prompt from the browser started. */
  browserTurnId: string | null = null;
  readonly diffs = new Map<string, string>();
  rolloutPath: string | null = null;
  /** The thread's working folder, where an interrupted turn's leftover sandbox helpers are looked for. */
  cwd: string | null = null;
  /** The turn we asked the daemon to interrupt, cleaned up after once more when it has ended (see codex/engine/interrupt.ts). */
  interruptedTurnId: string | null = null;
  /** Reasoning effort chosen for a thread we started; sent with each turn. */
  effort: string | null = null;
  /** Images chosen in the New session dialog, sent with the first turn. */
  pendingImages: string[] = [];

  constructor(
    readonly threadId: string,
    readonly sessionId: SessionId,
    public model: string | null,
    public originator: string | null,
  ) {}

  info(): LiveInfo {
    return {
      status: liveStatusOf(this.rawStatus, this.pendingApprovals),
      turnId: this.turnId,
      model: this.model,
      originator: this.originator,
      pendingApprovals: this.pendingApprovals,
      updatedAt: new Date().toISOString(),
    };
  }

  /** Idle in the daemon (or not loaded there at all): a prompt would start a new turn. */
  canStartTurn(): boolean {
    const type = (this.rawStatus as { type?: string } | null)?.type;
    return this.turnId === null && type !== 'active';
  }

  loaded(): boolean {
    return (this.rawStatus as { type?: string } | null)?.type !== 'notLoaded';
  }
}
