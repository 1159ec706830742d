// Turns Codex failure text (turn.failed, error events, stderr of a non-zero exit; codex-cli 0.169.0, codex-rs/core/src/error.rs
// and codex-rs/codex-api/src/sse/responses.rs codes) into a plain sentence with what to do. Pure; unmatched text is shown as is.

export type CodexErrorKind =
  | 'authentication'
  | 'quota'
  | 'rate_limit'
  | 'context_length'
  | 'network'
  | 'unknown_model'
  | 'session_not_found'
  | 'permission'
  | 'unknown';

export interface CodexErrorExplanation {
  kind: CodexErrorKind;
  /** One or two sentences for the person: what happened and what to do. */
  message: string;
}

interface Pattern {
  kind: CodexErrorKind;
  test: RegExp;
  message: string;
}

// Order matters: the more specific banks first (quota before rate limit, session before generic "not found").
const PATTERNS: Pattern[] = [
  {
    kind: 'session_not_found',
    test: /no rollout found|rollout not found|thread\/resume failed|(session|thread|conversation)[^\n]{0,40}not found/i,
    message:
      'Codex could not find this conversation (its session file is missing from the Codex home folder, or a different CODEX_HOME is in use). Start a new session; this one cannot be resumed.',
  },
  {
    kind: 'context_length',
    test: /context[_ ]length[_ ]exceeded|context window|maximum context length|too many tokens|token limit|input is too long/i,
    message:
      "The conversation no longer fits in the model's context window. Start a new session (you can paste a summary of this one), or ask Codex to compact before continuing.",
  },
  {
    kind: 'quota',
    test: /insufficient[_ ]quota|quota[_ ]exceeded|exceeded your current quota|usage[_ ]not[_ ]included|usage limit|hit your .{0,20}limit|billing|credits?|upgrade to (plus|pro)|chatgpt plan/i,
    message:
      'Your OpenAI plan or API account has no quota left for this (usage limit reached or billing not set up). Check your plan or add credits, then continue the session.',
  },
  {
    kind: 'rate_limit',
    test: /rate[_ ]limit|too many requests|\b429\b/i,
    message: 'OpenAI is rate-limiting requests right now. Wait a minute, then continue the session.',
  },
  {
    kind: 'authentication',
    test: /\b401\b|unauthori[sz]ed|invalid[_ ]api[_ ]key|incorrect api key|authentication|not logged in|login required|api key|access token|token (has )?expired|missing environment variable/i,
    message:
      'Codex is not signed in, or its API key is missing or wrong. Run "codex login" in a terminal (with the same CODEX_HOME as this server), then continue the session.',
  },
  {
    kind: 'unknown_model',
    test: /model[^\n]{0,60}(does not exist|not found|not supported|unknown|invalid)|unknown model|invalid model|model_not_found|unsupported model/i,
    message:
      'Codex does not know the chosen model, or your account cannot use it. Pick another model (or leave it empty for your config default) and continue.',
  },
  {
    kind: 'permission',
    test: /permission denied|access denied|operation not permitted|\bEACCES\b|\bEPERM\b|\b403\b|forbidden|read-only file system/i,
    message:
      "Codex was not allowed to do something (file permissions, the sandbox, or a 403 from the API). Check the working directory's permissions or choose a wider sandbox, then continue.",
  },
  {
    kind: 'network',
    test: /connection (failed|refused|reset|closed|error)|error sending request|stream disconnected|network|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|dns|timed out|timeout|unexpected status 5\d\d|\b50[0234]\b|service unavailable|bad gateway/i,
    message: 'Codex could not reach the model (network trouble or the service is down). Check the connection, then continue the session.',
  },
];

const MIN_LENGTH = 6;

/** The explanation for `text`; anything unmatched keeps Codex's own words. */
export function explainCodexError(text: string): CodexErrorExplanation {
  const trimmed = text.trim();
  if (trimmed.length >= MIN_LENGTH) {
    for (const p of PATTERNS) if (p.test.test(trimmed)) return { kind: p.kind, message: `${p.message} (Codex said: ${clip(trimmed)})` };
  }
  return {
    kind: 'unknown',
    message: trimmed ? `Codex stopped with an error: ${clip(trimmed)}` : 'Codex stopped with an error but said nothing about it.',
  };
}

/** For a process that exited non-zero: explain from what it printed, or say how it ended. */
export function explainExit(code: number | null, signal: string | null, output: string): CodexErrorExplanation {
  const meaningful = cleanStderr(output);
  if (meaningful) return explainCodexError(meaningful);
  const how = signal ? `was ended by signal ${signal}` : `exited with code ${code}`;
  return { kind: 'unknown', message: `Codex ${how} without saying why. Continue the session to try again.` };
}

/** Drops Codex's noise lines (tracing timestamps, "Reading prompt from stdin", sandbox helper warnings) from stderr. */
export function cleanStderr(stderr: string): string {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .filter((l) => !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z?\s+(TRACE|DEBUG|INFO|WARN)\b/.test(l))
    .filter((l) => !/^Reading (prompt|additional input) from stdin/i.test(l))
    .filter((l) => !/^WARNING: proceeding, even though we could not create PATH aliases/.test(l))
    .join('\n')
    .slice(-4000);
}

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 500 ? `${one.slice(0, 499)}…` : one;
}
