// Builds the `codex exec --json` / `codex exec resume` command line for codex-cli 0.169.0 (codex-rs/cli, codex-rs/exec/src/cli.rs).
// Pure: no spawning. Mirrors sdk/typescript/src/exec.ts (prompt on stdin) and fixes Maestro's mistakes listed below.

import type { DriveSandbox, ReasoningEffort } from '../../shared/drive.js';
import type { ThreadId } from '../../shared/ids.js';

export interface ExecTurnSpec {
  /** How to start codex (from findCodexBinary: command plus wrapper args such as node + codex.js). */
  command: string;
  commandArgs?: string[];
  cwd: string;
  sandbox: DriveSandbox;
  model?: string | null;
  effort?: ReasoningEffort | null;
  /** Absolute image paths, attached with --image. */
  images?: string[];
  /** Resume this thread instead of starting a new one. */
  resumeThreadId?: ThreadId | null;
  prompt: string;
  /** Keep Codex's endless "Reconnecting..." loop on; off by default so a dead network fails the turn with an explanation. */
  unboundedRetries?: boolean;
  /** Write no rollout (a throwaway turn); a new thread only. */
  ephemeral?: boolean;
}

export interface ExecCommand {
  command: string;
  args: string[];
  /** Written to stdin and closed: no argv length limit, no quoting, nothing for `ps` to show. */
  stdin: string;
}

/**
 * The command for one turn. Rules, each a known failure elsewhere:
 * - `--cd`, `--sandbox`, `--model` and `-c` go before `exec`: `exec resume` rejects `-C`/`-s`, and Maestro's `-C` after `exec` was ignored.
 * - read-only is `--sandbox read-only` alone; `--dangerously-bypass-approvals-and-sandbox` would silently turn it into full access
 *   (exec already runs with approval policy "never", so the bypass flag is never needed and never emitted).
 * - values are joined with "=" so a path or slug starting with "-" can never be read as a flag, and `--image` (which takes
 *   several values) cannot swallow the thread id or the "-" that tells Codex to read the prompt from stdin.
 */
export function buildExecCommand(spec: ExecTurnSpec): ExecCommand {
  const global: string[] = [`--cd=${spec.cwd}`, `--sandbox=${spec.sandbox}`];
  if (spec.model) global.push(`--model=${spec.model}`);
  if (spec.effort) global.push('-c', `model_reasoning_effort="${spec.effort}"`);
  if (!spec.unboundedRetries) global.push('--disable', 'unbounded_connection_retries');

  const exec = ['exec', '--json', '--skip-git-repo-check'];
  if (spec.ephemeral) exec.push('--ephemeral');
  if (spec.resumeThreadId) exec.push('resume', spec.resumeThreadId);
  for (const image of spec.images ?? []) exec.push(`--image=${image}`);
  exec.push('-');

  return { command: spec.command, args: [...(spec.commandArgs ?? []), ...global, ...exec], stdin: spec.prompt };
}

/** The child's environment: ours, with CODEX_HOME pinned to the server's Codex home so threads are found where we look. */
export function execEnv(base: NodeJS.ProcessEnv, codexHome: string): NodeJS.ProcessEnv {
  return { ...base, CODEX_HOME: codexHome };
}

/** A readable one-line form of the command for logs and the turn view (the prompt is not part of it). */
export function describeCommand(cmd: ExecCommand): string {
  return [cmd.command, ...cmd.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
