// The normalized rollout event that every decoder produces and every tracker reads. Types only, importing
// nothing from this folder, so decoders, trackers and the usage arithmetic can all depend on it without a cycle.
import type { TokenUsage } from '../../shared/usage.js';

export type Source = 'event' | 'response';
export type CallStatus = 'in_progress' | 'completed' | 'failed' | 'declined' | null;

export interface FileEdit {
  path: string;
  change: string;
  movePath: string | null;
  diff: string;
}

/** What a rollout line means, whichever Codex version wrote it. `from` tells event_msg twins from response_item twins. */
export type RolloutEventBody =
  | { kind: 'session'; threadId: string | null; cwd: string | null; cliVersion: string | null; originator: string | null }
  | { kind: 'turn.start'; turnId: string | null; contextWindow: number | null }
  | { kind: 'turn.end'; turnId: string | null; error: string | null; durationMs: number | null }
  | { kind: 'turn.aborted'; reason: string | null }
  | { kind: 'user'; text: string; from: Source }
  | { kind: 'agent'; text: string; from: Source }
  | { kind: 'reasoning'; text: string; from: Source }
  | { kind: 'call'; callId: string; name: string; input: string }
  | { kind: 'call.output'; callId: string; output: string }
  | {
      kind: 'command';
      callId: string | null;
      command: string;
      cwd: string | null;
      exitCode: number | null;
      output: string;
      status: CallStatus;
      durationMs: number | null;
    }
  | { kind: 'files'; callId: string | null; files: FileEdit[]; status: CallStatus; output: string }
  | { kind: 'diff'; diff: string }
  | {
      kind: 'mcp';
      callId: string | null;
      server: string;
      tool: string;
      arguments: string;
      result: string;
      error: string | null;
      status: CallStatus;
    }
  | { kind: 'search'; query: string; from: Source }
  | { kind: 'plan'; explanation: string | null; steps: { step: string; status: string }[] }
  | { kind: 'usage'; info: TokenInfo | null; rateLimits: RateLimits | null }
  | { kind: 'compacted' }
  | { kind: 'error'; message: string };

export type RolloutEvent = RolloutEventBody & { at: string | null; offset: number };

/** The `info` of a token_count event: the thread's running total, what the context holds, the context window. */
export interface TokenInfo {
  total: TokenUsage | null;
  /**
   * The last model call's total_tokens: the tokens in the context window. Kept as Codex's own number because after
   * a compaction Codex reports its estimate here with zero input and output.
   */
  contextUsed: number | null;
  contextWindow: number | null;
}

export interface RawWindow {
  usedPercent: number;
  windowMinutes: number | null;
  resetsAtSec: number | null;
  resetsInSec: number | null;
}

export interface RateLimits {
  primary: RawWindow | null;
  secondary: RawWindow | null;
  planType: string | null;
  reachedType: string | null;
}
