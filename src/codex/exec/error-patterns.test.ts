import { describe, expect, it } from 'vitest';
import { type CodexErrorKind, cleanStderr, explainCodexError, explainExit } from './error-patterns.js';

// Messages recorded from codex-cli 0.169.0 against the fake model (test/fixtures/fake-model.ts), plus common API wordings.
const CASES: [string, CodexErrorKind][] = [
  ["Codex ran out of room in the model's context window. Start a new thread or clear earlier history before retrying.", 'context_length'],
  ["This model's maximum context length is 128000 tokens.", 'context_length'],
  ['Quota exceeded. Check your plan and billing details.', 'quota'],
  ['To use Codex with your ChatGPT plan, upgrade to Plus: https://chatgpt.com/explore/plus.', 'quota'],
  ["You've hit your usage limit. Try again at 5pm.", 'quota'],
  ['rate limit exceeded: Rate limit reached for requests. Please try again in 1s.', 'rate_limit'],
  ['exceeded retry limit, last status: 429 Too Many Requests', 'rate_limit'],
  ['unexpected status 401 Unauthorized: Incorrect API key provided, url: http://127.0.0.1:1/v1/responses', 'authentication'],
  ['Missing environment variable: `OPENAI_API_KEY`.', 'authentication'],
  ['The model `nope` does not exist or you do not have access to it.', 'unknown_model'],
  ['unexpected status 403 Forbidden: forbidden here, url: http://127.0.0.1:1/v1/responses', 'permission'],
  ['Permission denied (os error 13)', 'permission'],
  ['Connection failed: error sending request', 'network'],
  ['stream disconnected before completion: error decoding response body', 'network'],
  ['Error: thread/resume: thread/resume failed: no rollout found for thread id 0199 (code -32600)', 'session_not_found'],
  ['session 0199 not found', 'session_not_found'],
  ['the sky fell', 'unknown'],
  ['', 'unknown'],
];

describe('explainCodexError', () => {
  it.each(CASES)('%s → %s', (text, kind) => {
    const explained = explainCodexError(text);
    expect(explained.kind).toBe(kind);
    expect(explained.message.length).toBeGreaterThan(20);
  });

  it("keeps Codex's own words for unknown errors", () => {
    expect(explainCodexError('the sky fell').message).toContain('the sky fell');
  });

  it('quotes Codex after the explanation', () => {
    expect(explainCodexError('Quota exceeded. Check your plan and billing details.').message).toMatch(
      /add credits.*Codex said: Quota exceeded/,
    );
  });
});

describe('explainExit', () => {
  it('explains from stderr without noise lines', () => {
    const stderr =
      'WARNING: proceeding, even though we could not create PATH aliases: x\n2026-11-21T10:00:00.000Z INFO codex_exec: hi\nError: no rollout found for thread id 1\n';
    expect(explainExit(1, null, stderr).kind).toBe('session_not_found');
    expect(cleanStderr(stderr)).toBe('Error: no rollout found for thread id 1');
  });

  it('says how it ended when nothing was printed', () => {
    expect(explainExit(null, 'SIGKILL', '').message).toContain('signal SIGKILL');
    expect(explainExit(3, null, '').message).toContain('code 3');
  });
});
