// Export fences can never be closed by the content, whatever backtick or tilde runs it holds.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportLatestTurn, exportSession } from './export.js';
import { fence } from './markdown.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/rollouts');
const header = (p: string) => ({ title: 'T', threadId: 'abc', rolloutPath: p, exportedAt: '2026-01-01T00:00:00.000Z' });

describe('fence', () => {
  it('is longer than the longest backtick run inside', () => {
    expect(fence('plain')).toBe('```\nplain\n```\n');
    expect(fence('a ``` b')).toBe('````\na ``` b\n````\n');
    expect(fence('``````', 'text')).toBe('```````text\n``````\n```````\n');
  });
  it('uses tildes, longer than any tilde run, when the info string has a backtick', () => {
    expect(fence('~~~~ x ```', 'we`ird')).toBe('~~~~~we`ird\n~~~~ x ```\n~~~~~\n');
  });
  it('round-trips: no line inside equals or extends the closing fence', () => {
    for (const content of ['```', '````\n```', '~~~\n```js\n', '`'.repeat(40)]) {
      const out = fence(content, 'text');
      const marks = out.split('\n')[0]?.replace('text', '') ?? '';
      const inner = out.split('\n').slice(1, -2);
      expect(inner.some((l) => l.trim().startsWith(marks))).toBe(false);
    }
  });
});

describe('exports read as the transcript', () => {
  it('latest turn: the prompt, what Codex did with output and diffs, its message and tokens; nothing before the turn', async () => {
    const p = join(FIXTURES, 'v0169-commands.jsonl');
    const md = await exportLatestTurn(p, header(p));
    expect(md).toContain('> now write notes.md');
    expect(md).not.toContain('run two commands'); // cut at the turn boundary, not by clock
    expect(md).toContain('Created and edited notes.md.');
    expect(md).toMatch(/- Added `\/tmp\/[^`]+notes\.md`/);
    expect(md).toContain('````diff\n  +# Notes\n  +```js');
    expect(md).toMatch(/_Turn done: [\d,]+ tokens/);
    expect(md).not.toMatch(/AI messages|Tool call \d|None in this turn/);
  });

  it('whole session, old format: every turn, exit codes, MCP calls, tildes in content', async () => {
    const p = join(FIXTURES, 'legacy-0.50-events.jsonl');
    let md = '';
    const turns = await exportSession(p, header(p), (c) => {
      md += c;
    });
    expect(turns).toBe(2);
    expect(md).toContain('- Ran `cat missing.txt` (exit 1)');
    expect(md).toContain('- MCP docs.lookup');
    expect(md).toContain('_Turn interrupted: interrupted');
    expect(md).toContain('`````diff\n  +~~~ tildes ~~~\n  +````four````\n  `````');
  });

  it('an MCP-loop session reads as a conversation, not a dump of JSON tool calls', async () => {
    const p = join(FIXTURES, 'v0171-mcp-loop.jsonl');
    let md = '';
    await exportSession(p, header(p), (c) => {
      md += c;
    });
    const order = [
      '## Prompt',
      '> Start a Codex Pro Max session and write notes.md.',
      '- Ran `echo probe-one` (exit 0)',
      '+first line',
      '### Conclusion',
      'Wrote notes.md after checking with echo.',
      '## Prompt (through Codex Pro Max)',
      '> Prompt A: edit the first line',
      '- Ran `echo step-a; exit 2` (exit 2)',
      '+first line, edited',
      'Done: edited notes.md (the check exited 2).',
      'Stopped; final answer.',
      '_Turn done: 7,915 tokens',
    ].map((needle) => {
      const at = md.indexOf(needle);
      expect(at, needle).toBeGreaterThanOrEqual(0);
      return at;
    });
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).not.toMatch(/AI messages|None in this turn|submit_conclusion|wait_for_instruction|"conclusion":|"status":"instruction"/);
  });
});
