// The verbatim form on recorded rollouts: the head's facts (goal, files touched, last state, turns covered), a turn
// range, the budget keeping the newest items, and a merge naming each source.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../shared/context.js';
import { verbatimDocument } from './verbatim.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/rollouts');
const source = (file: string, extra: { fromTurn?: number; toTurn?: number } = {}) => ({
  title: file,
  threadId: '01a1ffb0-b59a-72f2-8388-10012d930c79',
  rolloutPath: join(FIXTURES, file),
  cwd: '/work',
  ...extra,
});
const transcriptOf = (md: string) => md.slice(md.indexOf('### Transcript'));

describe('verbatimDocument', () => {
  it('heads the transcript with the goal, the files touched and the last state', async () => {
    const { markdown, omitted } = await verbatimDocument([source('v0169-commands.jsonl')], 50_000);
    expect(omitted).toBe(0);
    expect(markdown).toContain('## Source 1: v0169-commands.jsonl');
    expect(markdown).toContain('- Covers: all 2 turns');
    expect(markdown).toContain('### Goal\n\n> run two commands');
    expect(markdown).toMatch(/### Files touched\n\n- `[^`]*notes\.md`/);
    expect(markdown).toContain('The last turn completed.');
    expect(transcriptOf(markdown)).toContain('echo hello-rollout');
    expect(transcriptOf(markdown)).toContain('> now write notes.md');
  });

  it('reads only the turns asked for', async () => {
    const { markdown } = await verbatimDocument([source('v0169-commands.jsonl', { fromTurn: 2 })], 50_000);
    expect(markdown).toContain('- Covers: turns 2–2 of 2');
    expect(markdown).toContain('### Goal\n\n> now write notes.md');
    expect(markdown).not.toContain('echo hello-rollout');
  });

  it('stays within the budget, keeping the newest items', async () => {
    const { markdown, omitted } = await verbatimDocument([source('v0169-commands.jsonl')], 250);
    expect(estimateTokens(markdown)).toBeLessThanOrEqual(250);
    expect(omitted).toBeGreaterThan(0);
    expect(transcriptOf(markdown)).toContain('Created and edited notes.md.');
    expect(transcriptOf(markdown)).not.toContain('echo hello-rollout');
  });

  it('names every source of a merge, the loop rollout included', async () => {
    const { markdown } = await verbatimDocument([source('v0169-commands.jsonl'), source('v0171-mcp-loop.jsonl')], 50_000);
    expect(markdown).toContain('Merged from 2 Codex sessions: 1. v0169-commands.jsonl; 2. v0171-mcp-loop.jsonl.');
    expect(markdown).toContain('## Source 1: v0169-commands.jsonl');
    expect(markdown).toContain('## Source 2: v0171-mcp-loop.jsonl');
    expect(markdown).toContain('> Start a Codex Pro Max session and write notes.md.');
  });
});
