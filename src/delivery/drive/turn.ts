// Runs one driven turn: spawns `codex exec` for a claimed prompt, stores and pushes each event, binds the thread,
// and settles the session (conclusion, explained failure, or interrupt). Must not decide which prompt runs next.
import { randomUUID } from 'node:crypto';
import type { CodexBinary } from '../../codex/binary.js';
import { buildExecCommand, execEnv } from '../../codex/exec/command.js';
import { explainCodexError, explainExit } from '../../codex/exec/error-patterns.js';
import { parseExecLine } from '../../codex/exec/events.js';
import type { DriveEventBody, DriveSettings, DriveTurn, TurnId } from '../../shared/drive.js';
import type { SessionId, ThreadId } from '../../shared/ids.js';
import type { PushMessage } from '../../shared/push.js';
import type { DeliveredPrompt } from '../../shared/schemas.js';
import type { TokenUsage } from '../../shared/usage.js';
import { sumUsage, usageDelta } from '../../shared/usage-math.js';
import type { DriveRepo } from '../../store/drive.js';
import type { Store } from '../../store/store.js';
import type { Delivery, Handoff } from '../delivery.js';
import { startTurnProcess, type TurnProcess } from './process.js';

export interface TurnDeps {
  store: Store;
  repo: DriveRepo;
  delivery: Delivery;
  publish: (message: PushMessage) => void;
  codexHome: string;
  env: NodeJS.ProcessEnv;
}

export interface TurnRequest {
  sessionId: SessionId;
  prompt: DeliveredPrompt;
  handoff: Handoff;
  settings: DriveSettings;
  binary: CodexBinary;
  /** Images chosen in the "New session" dialog, on top of image attachments the prompt mentions. */
  extraImages: string[];
}

export type TurnOutcome = 'completed' | 'failed' | 'interrupted';

export interface RunningTurn {
  turnId: TurnId;
  /** The codex process id (leader of its process group on POSIX), once spawned. */
  pid: number | undefined;
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

/** Starts the turn; `outcome` settles after the process is gone and the session is updated. */
export function runTurn(deps: TurnDeps, req: TurnRequest): RunningTurn {
  const { store, repo, delivery, publish } = deps;
  const { sessionId, prompt, settings } = req;
  const turnId = randomUUID() as TurnId;
  let threadId = delivery.summary(sessionId).threadId;
  const images = [...req.extraImages, ...prompt.attachments.filter((a) => a.mimeType.startsWith('image/')).map((a) => a.path)];

  const cmd = buildExecCommand({
    command: req.binary.command,
    commandArgs: req.binary.args,
    cwd: settings.cwd,
    sandbox: settings.sandbox,
    model: settings.model,
    effort: settings.effort,
    images,
    resumeThreadId: threadId,
    prompt: prompt.content,
  });
  repo.createTurn({ id: turnId, sessionId, threadId, promptId: prompt.id, prompt: prompt.text, images });
  const publishTurn = () => {
    const turn = repo.turn(turnId);
    if (turn) publish({ type: 'drive.turn', sessionId, turn });
  };
  publishTurn();

  let seq = 0;
  let lastMessage: string | null = null;
  let completed = false;
  let failure: string | null = null;
  let lastError: string | null = null;
  let broken = false;

  const record = (body: DriveEventBody) => {
    const event = { ...body, seq: ++seq, at: new Date().toISOString() };
    repo.appendEvent(turnId, event);
    publish({ type: 'drive.event', sessionId, turnId, event });
  };

  const onEvent = (body: DriveEventBody) => {
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
        completed = true;
        repo.setTurnUsage(turnId, ownShare(body.usage, repo.turns(sessionId), turnId, threadId));
        publishTurn();
        break;
      case 'turn_failed':
        failure = body.message;
        break;
      case 'error':
        lastError = body.message;
        break;
    }
  };

  let proc: TurnProcess;
  try {
    proc = startTurnProcess(cmd, {
      cwd: settings.cwd,
      env: execEnv(deps.env, deps.codexHome),
      onLine: (line) => {
        if (broken) return;
        const body = parseExecLine(line);
        if (!body) return;
        try {
          onEvent(body);
        } catch {
          // The session was deleted under a running turn (its rows are gone): nothing left to write to, so end it.
          broken = true;
          proc.interrupt();
        }
      },
    });
  } catch (error) {
    req.handoff.abandon();
    return {
      turnId,
      pid: undefined,
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
      await proc.started;
    } catch (error) {
      req.handoff.abandon(); // Codex never saw the prompt: it goes back to the queue, first in line
      await proc.done;
      return fail(`Codex could not be started (${req.binary.path}): ${(error as Error).message}`, null);
    }
    req.handoff.confirm();
    repo.setTurnStatus(turnId, 'running');
    delivery.turnStarted(sessionId);
    publishTurn();

    const exit = await proc.done;
    if (broken || !store.sessions.flags(sessionId)) return 'interrupted';
    record({ kind: 'exited', code: exit.code, signal: exit.signal, interrupted: exit.interrupted });
    if (exit.interrupted) {
      repo.finishTurn(turnId, 'interrupted', null, exit.code);
      publishTurn();
      delivery.settleDrivenTurn(sessionId, 'stop', INTERRUPTED);
      return 'interrupted';
    }
    if (completed && !failure && exit.code === 0) {
      repo.finishTurn(turnId, 'completed', null, 0);
      publishTurn();
      if (lastMessage && threadId) delivery.conclude(threadId, lastMessage);
      else delivery.settleDrivenTurn(sessionId, 'turn_completed', null);
      return 'completed';
    }
    const said = failure ?? lastError;
    const explained = said ? explainCodexError(said) : explainExit(exit.code, exit.signal, exit.stderr);
    return fail(explained.message, exit.code);
  })();

  return { turnId, pid: proc.pid, interrupt: () => proc.interrupt(), outcome };
}
