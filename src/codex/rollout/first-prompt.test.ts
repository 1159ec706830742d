import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstUserPrompt } from './first-prompt.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'rollouts');
const dir = mkdtempSync(join(tmpdir(), 'cpm-first-prompt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('firstUserPrompt', () => {
  it('finds the task typed in the terminal, past the injected environment context (codex 0.171 MCP loop)', async () => {
    const found = await firstUserPrompt(join(FIXTURES, 'v0171-mcp-loop.jsonl'));
    expect(found).toEqual({ text: 'Start a Codex Pro Max session and write notes.md.', atIso: '2026-12-01T12:22:58.158Z' });
  });

  it('reads 0.169 exec rollouts the same way', async () => {
    const found = await firstUserPrompt(join(FIXTURES, 'v0169-commands.jsonl'));
    expect(found?.text.length).toBeGreaterThan(0);
    expect(found?.text.startsWith('<')).toBe(false);
  });

  it('is null for a rollout with no message from the person', async () => {
    const file = join(dir, 'none.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', type: 'session_meta', payload: { id: 'x' } })}\n${JSON.stringify({
        timestamp: '2026-01-01T00:00:01Z',
        type: 'response_item',
        payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context>x</environment_context>' }] },
      })}\n`,
    );
    expect(await firstUserPrompt(file)).toBeNull();
  });
});
