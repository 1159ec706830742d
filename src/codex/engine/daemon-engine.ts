// The daemon engine: a driven turn runs inside the shared Codex daemon over our one AppServerClient (thread/start,
// thread/resume, turn/start, turn/steer, turn/interrupt), so a terminal can hold the same thread (`codex resume <id>`)
// without a second writer, and no process is spawned per turn. Approvals of these turns come to every subscribed client
// as server requests; the live-thread code answers them like a terminal's. Must not write any session state itself.
import { ZERO_USAGE } from '../../shared/usage-math.js';
import type { AppServerClient } from '../app-server/client.js';
import { localImageInput, textInput } from '../app-server/input.js';
import type { AppServerNotification } from '../app-server/messages.js';
import { explainCodexError } from '../exec/error-patterns.js';
import { driveItemFromThreadItem, TurnUsage } from './daemon-items.js';
import type { CodexEngine, EngineEnd, EngineSink, EngineTurn, EngineTurnRequest } from './engine.js';
import { cleanUpInterrupted, interruptTurn } from './interrupt.js';

type Loose = Record<string, unknown>;

const LOST =
  "Codex Pro Max lost its connection to Codex's background service while this turn ran, so how it ended is not known " +
  '(it may still finish there). Continue the session to go on; what Codex did is kept in the thread.';

/** The session's sandbox as the per-turn policy the daemon takes, so a changed setting applies from the next turn. */
export function sandboxPolicyOf(sandbox: EngineTurnRequest['sandbox']): Loose {
  switch (sandbox) {
    case 'read-only':
      return { type: 'readOnly', networkAccess: false };
    case 'danger-full-access':
      return { type: 'dangerFullAccess' };
    default:
      return { type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeTmpdirEnvVar: false, excludeSlashTmp: false };
  }
}

export class DaemonEngine implements CodexEngine {
  readonly name = 'daemon' as const;
  /** thread/start calls on their way, each settled only after its caller learned the thread's id. */
  private readonly starting = new Set<Promise<unknown>>();
  /** Throwaway threads of ours (grooming turns): they never become sessions. */
  private readonly throwaway = new Set<string>();

  constructor(private readonly client: AppServerClient) {}

  available(): boolean {
    return this.client.status() === 'connected';
  }

  /**
   * Resolves once every thread/start of ours has been answered and its turn has bound the thread. The daemon tells
   * every client about a new thread; waiting for this first keeps a driven session's thread from being taken for a
   * stranger's and given a session of its own.
   */
  startsSettled(): Promise<void> | null {
    // Null when none is on its way, so a stranger's thread is taken in at once (its first items come right after).
    return this.starting.size === 0 ? null : Promise.allSettled([...this.starting]).then(() => {});
  }

  /** A thread of ours that is no session's: live threads leave it alone. */
  isThrowaway(threadId: string): boolean {
    return this.throwaway.has(threadId);
  }

  /**
   * Holds live threads back from a thread this promise creates (a fork) until it has settled, as for our own
   * thread/start: the caller binds the new thread to its session first.
   */
  holdNewThread<T>(creating: Promise<T>): Promise<T> {
    this.starting.add(creating);
    void creating.finally(() => this.starting.delete(creating)).catch(() => {});
    return creating;
  }

  runTurn(req: EngineTurnRequest, sink: EngineSink): EngineTurn {
    const { client } = this;
    let threadId = req.threadId;
    let turnId: string | null = null;
    let announced = false;
    let interruptAsked = false;
    let finished = false;
    let lastError: string | null = null;
    /** A turn/completed that came before turn/start was answered (ours, if its id matches). */
    let earlyEnd: Loose | null = null;
    const usage = new TurnUsage();
    let resolveDone: (end: EngineEnd) => void = () => {};
    const done = new Promise<EngineEnd>((resolve) => {
      resolveDone = resolve;
    });

    const finish = (end: EngineEnd) => {
      if (finished) return;
      finished = true;
      offNotification();
      offDisconnect();
      // Nobody needs a throwaway thread once its turn is over; unsubscribed, the daemon unloads it.
      if (req.ephemeral && threadId) void client.unwatch(threadId).catch(() => {});
      resolveDone(end);
    };
    const ours = (id: unknown) => turnId === null || id === turnId;
    const announce = () => {
      if (announced) return;
      announced = true;
      sink.event({ kind: 'turn_started' });
    };
    const end = (turn: Loose) => {
      const status = String(turn.status);
      if (status === 'interrupted') {
        // Once more after the turn has ended: a command Codex moved to the background only as the turn wound down was
        // not there yet when the first clean ran.
        if (interruptAsked && threadId) cleanUpInterrupted(client, threadId, req.cwd);
        return finish({ status: 'interrupted', message: null, exitCode: null, exit: null });
      }
      if (status === 'completed') {
        sink.event({ kind: 'turn_completed', usage: usage.value() ?? ZERO_USAGE, scope: 'turn' });
        return finish({ status: 'completed', message: null, exitCode: null, exit: null });
      }
      const said = str((turn.error as Loose | null)?.message) || lastError || '';
      sink.event({ kind: 'turn_failed', message: said || 'The turn failed.' });
      finish({ status: 'failed', message: explainCodexError(said).message, exitCode: null, exit: null });
    };

    const onNotification = (n: AppServerNotification) => {
      const p = (n.params ?? {}) as Loose;
      if (finished || threadId === null || p.threadId !== threadId) return;
      try {
        switch (n.method) {
          case 'turn/started':
            if (ours((p.turn as Loose)?.id)) announce();
            return;
          case 'item/started':
          case 'item/completed': {
            if (!ours(p.turnId)) return;
            const item = driveItemFromThreadItem(p.item);
            if (item) sink.event({ kind: 'item', phase: n.method === 'item/started' ? 'started' : 'completed', item });
            return;
          }
          case 'item/agentMessage/delta':
            if (ours(p.turnId) && typeof p.itemId === 'string' && typeof p.delta === 'string') sink.delta?.(p.itemId, p.delta);
            return;
          case 'thread/tokenUsage/updated':
            if (ours(p.turnId)) usage.add(p.tokenUsage);
            return;
          case 'error': {
            if (!ours(p.turnId) || p.willRetry === true) return;
            lastError = str((p.error as Loose | null)?.message);
            if (lastError) sink.event({ kind: 'error', message: lastError });
            return;
          }
          case 'turn/completed': {
            const turn = (p.turn ?? {}) as Loose;
            if (turnId === null) earlyEnd = turn;
            else if (turn.id === turnId) end(turn);
            return;
          }
        }
      } catch {
        // The reader has nowhere left to put events (its session was deleted): stop the turn and let it go.
        this.stop(threadId, turnId, req.cwd);
        finish({ status: 'interrupted', message: null, exitCode: null, exit: null });
      }
    };
    const offNotification = client.on('notification', onNotification);
    // Before the turn has an id, its pending request fails instead (and `started` with it).
    const offDisconnect = client.on('status', ({ status }) => {
      if (status !== 'connected' && turnId !== null) finish({ status: 'failed', message: LOST, exitCode: null, exit: null });
    });

    const starting = (async () => {
      if (threadId === null) {
        const threadStart = client
          .startThread({
            cwd: req.cwd,
            sandbox: req.sandbox,
            approvalPolicy: req.approvalPolicy,
            ...(req.ephemeral ? { ephemeral: true } : { historyMode: 'paginated' }),
            ...(req.model ? { model: req.model } : {}),
          } as never)
          .then((answer) => {
            threadId = String((answer as { thread: Loose }).thread.id);
            if (req.ephemeral) this.throwaway.add(threadId);
            sink.event({ kind: 'thread_started', threadId });
          });
        this.starting.add(threadStart);
        void threadStart.finally(() => this.starting.delete(threadStart)).catch(() => {});
        await threadStart;
      } else {
        // Subscribing loads a thread nobody holds back into the daemon (from its rollout), which then runs the turn.
        await client.ensureWatched(threadId);
      }
      const overrides = {
        clientUserMessageId: req.clientId,
        cwd: req.cwd,
        approvalPolicy: req.approvalPolicy,
        sandboxPolicy: sandboxPolicyOf(req.sandbox),
        ...(req.model ? { model: req.model } : {}),
        ...(req.effort ? { effort: req.effort } : {}),
      };
      const input = [textInput(req.text), ...req.images.map((path) => localImageInput(path))];
      const answer = (await client.startTurn(threadId as string, input, overrides as never)) as { turn?: Loose };
      turnId = String(answer.turn?.id ?? '');
      announce();
      const early = earlyEnd as Loose | null;
      if (early && early.id === turnId) end(early);
      else if (interruptAsked) this.stop(threadId, turnId, req.cwd);
    })();
    // A refusal reaches the person as the plain explanation, both as the failure and as why the prompt did not start.
    const started = starting.catch((error: Error) => {
      const message = explainCodexError(error.message).message;
      finish({ status: 'failed', message, exitCode: null, exit: null });
      throw new Error(message);
    });
    started.catch(() => {});

    return {
      engine: 'daemon',
      pid: undefined,
      started,
      done,
      steer: async (text: string) => {
        if (turnId === null || threadId === null || finished) throw new Error('The turn has not started yet, or has already ended.');
        await client.steer(threadId, turnId, [textInput(text)]);
      },
      interrupt: () => {
        interruptAsked = true;
        if (turnId !== null) this.stop(threadId, turnId, req.cwd);
      },
    };
  }

  /** Interrupts the turn and ends what it leaves running (interrupt.ts, shared with live threads). */
  private stop(threadId: string | null, turnId: string | null, cwd: string): void {
    if (!threadId || !turnId) return;
    void interruptTurn(this.client, threadId, turnId, cwd).catch(() => {});
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
