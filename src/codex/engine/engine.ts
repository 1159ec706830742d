// The one way drive mode runs a Codex turn, whichever engine does it: inside the shared daemon (daemon-engine.ts) or
// as a `codex exec --json` process (exec-engine.ts). Callers hand over a prompt and read events; they never learn
// which protocol is behind it except by `engine`, which is only for telling the person.
import type { DriveEventBody, DriveSandbox, ReasoningEffort } from '../../shared/drive.js';

export type EngineName = 'daemon' | 'exec';

/** When Codex asks before acting: never (it decides alone, inside the sandbox) or when it needs to. */
export type ApprovalPolicy = 'never' | 'on-request';

export interface EngineTurnRequest {
  /** The thread to continue; null starts a new one (its id then arrives as a `thread_started` event). */
  threadId: string | null;
  cwd: string;
  sandbox: DriveSandbox;
  approvalPolicy: ApprovalPolicy;
  model: string | null;
  effort: ReasoningEffort | null;
  text: string;
  /** Absolute image paths, sent with the prompt. */
  images: string[];
  /** Our id for the prompt; the daemon keeps it on the user message so a turn can be matched to its prompt. */
  clientId: string;
  /** A throwaway thread (a grooming turn): Codex writes no rollout for it, and it never becomes a session. */
  ephemeral?: boolean;
}

/** What the engine saw, in order: the drive events it stores, plus streamed text that is shown but not stored. */
export interface EngineSink {
  event(body: DriveEventBody): void;
  /** A piece of an agent message while it is being written. */
  delta?(itemId: string, text: string): void;
}

export interface EngineEnd {
  status: 'completed' | 'failed' | 'interrupted';
  /** For a failure: the plain explanation with what to do (error-patterns.ts). */
  message: string | null;
  exitCode: number | null;
  /** The process's end, for the exec engine's `exited` event; null for the daemon. */
  exit: { code: number | null; signal: string | null } | null;
}

export interface EngineTurn {
  readonly engine: EngineName;
  /** A process this turn runs in, when the engine spawned one (exec); the daemon runs turns in its own process. */
  readonly pid: number | undefined;
  /** Resolves once Codex has the prompt; rejects when it never got it (the prompt can go back to the queue). */
  readonly started: Promise<void>;
  /** Resolves after the turn ended and every event was delivered; never rejects. */
  readonly done: Promise<EngineEnd>;
  /** Adds text to the running turn; rejects when this engine or this moment cannot take it. */
  steer(text: string): Promise<void>;
  /** Ends the turn; what ran under it is stopped too. */
  interrupt(): void;
}

export interface CodexEngine {
  readonly name: EngineName;
  /** Whether a turn could run here right now. */
  available(): boolean;
  runTurn(req: EngineTurnRequest, sink: EngineSink): EngineTurn;
}

/** Thrown by `steer` when the engine has no way to add to a running turn. */
export class SteerUnsupported extends Error {
  override name = 'SteerUnsupported';
}
