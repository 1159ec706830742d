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

describe('exports', () => {
  it('latest turn: user message, AI messages, tool calls with input and output, edited files, task events', async () => {
    const p = join(FIXTURES, 'v0169-commands.jsonl');
    const md = await exportLatestTurn(p, header(p));
    expect(md).toContain('now write notes.md');
    expect(md).not.toContain('run two commands'); // cut at the turn boundary, not by clock
    expect(md).toContain('Created and edited notes.md.');
    expect(md).toContain('#### Tool call 1: apply_patch');
    expect(md).toContain('Success. Updated the following files:');
    expect(md).toMatch(/#### \/tmp\/[^\n]+notes\.md\n\nChange: add/);
    expect(md).toContain('````diff\n+# Notes\n+```js');
    expect(md).toContain('- Turn complete in');
  });

  it('whole session, old format: every turn, exit codes, MCP calls, tildes in content', async () => {
    const p = join(FIXTURES, 'legacy-0.50-events.jsonl');
    let md = '';
    const turns = await exportSession(p, header(p), (c) => {
      md += c;
    });
    expect(turns).toBe(2);
    expect(md).toContain('## Turn 1');
    expect(md).toContain('status failed, exit code 1');
    expect(md).toContain('#### Tool call 5: mcp:docs.lookup');
    expect(md).toContain('Turn aborted (interrupted)');
    expect(md).toContain('`````diff\n+~~~ tildes ~~~\n+````four````\n`````');
  });
});
