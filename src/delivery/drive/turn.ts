// Runs one driven turn on the engine it is given: stores and pushes each event, binds the thread, and settles the
// session (conclusion, explained failure, or interrupt). Must not decide which prompt runs next, nor which engine.
import { randomUUID } from 'node:crypto';
import type { CodexEngine, EngineTurn } from '../../codex/engine/engine.js';
import type { DriveEventBody, DriveSettings, DriveTurn, TurnId } from '../../shared/drive.js';
import type { SessionId, ThreadId } from '../../shared/ids.js';
import type { PushMessage } from '../../shared/push.js';
import type { DeliveredPrompt } from '../../shared/schemas.js';
import type { TokenUsage } from '../../shared/usage.js';
import { sumUsage, usageDelta } from '../../shared/usage-math.js';
import type { DriveRepo } from '../../store/drive.js';
import type { Store } from '../../store/store.js';
import type { Delivery, Handoff } from '../delivery.js';

export interface TurnDeps {
  store: Store;
  repo: DriveRepo;
  delivery: Delivery;
  publish: (message: PushMessage) => void;
}

export interface TurnRequest {
  sessionId: SessionId;
  prompt: DeliveredPrompt;
  handoff: Handoff;
  settings: DriveSettings;
  engine: CodexEngine;
  /** Images chosen in the "New session" dialog, on top of image attachments the prompt mentions. */
  extraImages: string[];
}

export type TurnOutcome = 'completed' | 'failed' | 'interrupted';

export interface RunningTurn {
  turnId: TurnId;
  /** The codex process id (leader of its process group on POSIX), when the engine spawned one. */
  pid: number | undefined;
  steer(text: string): Promise<void>;
  interrupt(): void;
  outcome: Promise<TurnOutcome>;
}

const INTERRUPTED = 'Interrupted. What Codex produced before the stop is kept below; queue a prompt to continue in the same conversation.';

/**
 * codex exec's turn.completed usage is the thread's running total: on a resumed thread it includes every earlier turn.
 * This turn's share is that total minus what the session's earlier turns on the same thread already counted (tokens of
 * an interrupted turn, which never reported usage, land in the next completed turn).
 */
function ownShare(total: TokenUsage, turns: DriveTurn[], turnId: TurnId, threadId: ThreadId | null): TokenUsage {
  const earlier = turns.filter((t) => t.id !== turnId && threadId !== null && t.threadId === threadId);
  return usageDelta(total, sumUsage(earlier.map((t) => t.usage)));
}

/** Starts the turn; `outcome` settles after the engine is done with it and the session is updated. */
export function runTurn(deps: TurnDeps, req: TurnRequest): RunningTurn {
  const { store, repo, delivery, publish } = deps;
  const { sessionId, prompt, settings } = req;
  const turnId = randomUUID() as TurnId;
  let threadId = delivery.summary(sessionId).threadId;
  const images = [...req.extraImages, ...prompt.attachments.filter((a) => a.mimeType.startsWith('image/')).map((a) => a.path)];
  const engine = req.engine.name;

  repo.createTurn({ id: turnId, sessionId, threadId, promptId: prompt.id, prompt: prompt.text, images, engine });
  const publishTurn = () => {
    const turn = repo.turn(turnId);
    if (turn) publish({ type: 'drive.turn', sessionId, turn });
  };
  publishTurn();

  let seq = 0;
  let lastMessage: string | null = null;
  let broken = false;

  const record = (body: DriveEventBody) => {
    const event = { ...body, seq: ++seq, at: new Date().toISOString() };
    repo.appendEvent(turnId, event);
    publish({ type: 'drive.event', sessionId, turnId, event });
  };

  const onEvent = (body: DriveEventBody) => {
    if (broken) return;
    try {
      record(body);
      switch (body.kind) {
        case 'thread_started':
          if (!threadId && body.threadId) {
            threadId = body.threadId as ThreadId;
            repo.setTurnThread(turnId, threadId);
            delivery.bindThread(sessionId, threadId, { turnId });
          }
          break;
        case 'item':
          if (body.phase === 'completed' && body.item.type === 'agent_message' && body.item.text.trim()) lastMessage = body.item.text;
          break;
        case 'turn_completed':
          repo.setTurnUsage(turnId, body.scope === 'turn' ? body.usage : ownShare(body.usage, repo.turns(sessionId), turnId, threadId));
          publishTurn();
          break;
      }
    } catch (error) {
      // The session was deleted under a running turn (its rows are gone): nothing left to write to; the engine ends it.
      broken = true;
      throw error;
    }
  };

  let turn: EngineTurn;
  try {
    turn = req.engine.runTurn(
      {
        threadId,
        cwd: settings.cwd,
        sandbox: settings.sandbox,
        approvalPolicy: settings.approvalPolicy,
        model: settings.model,
        effort: settings.effort,
        text: prompt.content,
        images,
        clientId: prompt.id,
      },
      { event: onEvent },
    );
  } catch (error) {
    req.handoff.abandon();
    return {
      turnId,
      pid: undefined,
      steer: () => Promise.reject(new Error('The turn did not start.')),
      interrupt() {},
      outcome: Promise.resolve(fail(`Codex could not be started: ${(error as Error).message}`, null)),
    };
  }

  function fail(message: string, exitCode: number | null): TurnOutcome {
    repo.finishTurn(turnId, 'failed', message, exitCode);
    publishTurn();
    delivery.settleDrivenTurn(sessionId, 'failed', message);
    return 'failed';
  }

  const outcome = (async (): Promise<TurnOutcome> => {
    try {
      await turn.started;
    } catch (error) {
      req.handoff.abandon(); // Codex never saw the prompt: it goes back to the queue, first in line
      const end = await turn.done;
      if (broken || !store.sessions.flags(sessionId)) return 'interrupted';
      return fail((error as Error).message, end.exitCode);
    }
    if (broken || !store.sessions.flags(sessionId)) {
      turn.interrupt();
      await turn.done;
      return 'interrupted';
    }
    req.handoff.confirm();
    repo.setTurnStatus(turnId, 'running');
    delivery.turnStarted(sessionId);
    publishTurn();

    const end = await turn.done;
    if (broken || !store.sessions.flags(sessionId)) return 'interrupted';
    if (end.exit) record({ kind: 'exited', code: end.exit.code, signal: end.exit.signal, interrupted: end.status === 'interrupted' });
    if (end.status === 'interrupted') {
      repo.finishTurn(turnId, 'interrupted', null, end.exitCode);
      publishTurn();
      delivery.settleDrivenTurn(sessionId, 'stop', INTERRUPTED);
      return 'interrupted';
    }
    if (end.status === 'completed') {
      repo.finishTurn(turnId, 'completed', null, end.exitCode ?? 0);
      publishTurn();
      if (lastMessage && threadId) delivery.conclude(threadId, lastMessage);
      else delivery.settleDrivenTurn(sessionId, 'turn_completed', null);
      return 'completed';
    }
    return fail(end.message ?? 'Codex stopped with an error but said nothing about it.', end.exitCode);
  })();

  return { turnId, pid: turn.pid, steer: (text) => turn.steer(text), interrupt: () => turn.interrupt(), outcome };
}
