// The transcript reads as the conversation in both rollout formats, and its pages are stable: reading a file page by
// page (backwards, forwards, or from a search hit's offset) gives the same items as reading it whole, and a last line
// still being written is left out until it is complete. Fixtures are real rollouts.
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TranscriptItem, TranscriptPage } from '../../shared/transcript.js';
import { totalTokens } from '../../shared/usage-math.js';
import { readTranscriptPage } from './transcript-page.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/rollouts');
const fixture = (name: string) => join(FIXTURES, name);
const scratch = mkdtempSync(join(tmpdir(), 'cpm-transcript-'));
const brief = (items: TranscriptItem[]) =>
  items.map((i) => {
    switch (i.kind) {
      case 'prompt':
        return `${i.via} prompt: ${i.text}`;
      case 'message':
        return `${i.conclusion ? 'conclusion' : 'message'}: ${i.text}`;
      case 'command':
        return `command ${i.status} ${i.exitCode}: ${i.command} → ${i.output.trim()}`;
      case 'files':
        return `files ${i.status}: ${i.files.map((f) => `${f.change} ${f.path.split('/').at(-1)}`).join(', ')}`;
      case 'turn':
        return `turn ${i.outcome}: ${i.tokens ? totalTokens(i.tokens) : 'no'} tokens`;
      default:
        return `${i.kind}: ${i.text}`;
    }
  });

describe('transcript, both formats', () => {
  it('MCP loop (0.171): the task, commands, diffs and each conclusion and prompt, no loop plumbing', async () => {
    const page = await readTranscriptPage(fixture('v0171-mcp-loop.jsonl'), 't', {});
    expect(brief(page.items)).toEqual([
      'typed prompt: Start a Codex Pro Max session and write notes.md.',
      'command completed 0: echo probe-one → probe-one',
      'files applied: add notes.md',
      'conclusion: Wrote notes.md after checking with echo.',
      'loop prompt: Prompt A: edit the first line',
      'command failed 2: echo step-a; exit 2 → step-a',
      'files applied: update notes.md',
      'conclusion: Done: edited notes.md (the check exited 2).',
      'message: Stopped; final answer.',
      'turn completed: 7915 tokens',
    ]);
    const files = page.items.find((i) => i.kind === 'files');
    expect(files?.kind === 'files' && files.files[0]?.diff).toContain('+first line');
    expect([page.start, page.end, page.size, page.hasEarlier, page.hasLater]).toEqual([0, page.size, page.size, false, false]);
  });

  it('0.169 terminal turns: per-turn tokens from the turn usage record', async () => {
    const page = await readTranscriptPage(fixture('v0169-commands.jsonl'), 't', {});
    const lines = brief(page.items);
    expect(lines.slice(0, 5)).toEqual([
      'typed prompt: run two commands',
      'command completed 0: echo hello-rollout → hello-rollout',
      'command failed 3: echo oops >&2; exit 3 → oops',
      'message: Ran both. The second one failed with exit 3.',
      expect.stringMatching(/^turn completed: \d+ tokens$/),
    ]);
    const turns = page.items.filter((i) => i.kind === 'turn');
    expect(turns).toHaveLength(2);
    // Each turn's own figure, not the running total: two turns of similar size.
    const [a, b] = turns.map((t) => (t.kind === 'turn' && t.tokens ? totalTokens(t.tokens) : 0)) as [number, number];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeLessThan(a * 3);
  });

  it('older events (0.50): commands named by their call, plan, MCP, search once, an interrupted turn', async () => {
    const lines = brief((await readTranscriptPage(fixture('legacy-0.50-events.jsonl'), 't', {})).items);
    expect(lines).toContain('command completed 0: ls → README.md\nsrc');
    expect(lines).toContain('command failed 1: cat missing.txt → cat: missing.txt: No such file or directory');
    expect(lines.filter((l) => l.startsWith('tool: Web search'))).toHaveLength(1);
    expect(lines).toContain('tool: MCP docs.lookup');
    expect(lines.at(-1)).toBe('turn interrupted: no tokens');
    expect(lines).toContain('turn completed: 5700 tokens');
  });

  it('2025 H1 bare file: response items are all there is; injected context is not a prompt', async () => {
    const lines = brief((await readTranscriptPage(fixture('legacy-2025h1-bare.jsonl'), 't', {})).items);
    expect(lines[0]).toBe('typed prompt: what is in here?');
    expect(lines[1]).toMatch(/^command completed null: ls -a → /);
    expect(lines[2]).toBe('message: There is one file: file.txt.');
  });
});

describe('transcript paging', () => {
  /** A long rollout: the 0.169 fixture's turns repeated, so pages have to cut through it. */
  const long = join(scratch, 'long.jsonl');
  const src = readFileSync(fixture('v0169-commands.jsonl'), 'utf8').split('\n').filter(Boolean);
  writeFileSync(long, `${src[0]}\n${Array.from({ length: 40 }, () => src.slice(1).join('\n')).join('\n')}\n`);

  const keyed = (items: TranscriptItem[]) => items.map((i) => `${i.offset}:${brief([i])[0]}`);

  it('backwards, page by page, gives exactly the items of the whole file, each once', async () => {
    const whole = await readTranscriptPage(long, 't', { limit: 500 });
    expect(whole.hasEarlier).toBe(true); // 500 visible records are not the whole file
    const everything: string[] = [];
    let page: TranscriptPage = await readTranscriptPage(long, 't', { limit: 7 });
    const newest = page;
    for (;;) {
      everything.unshift(...keyed(page.items));
      if (!page.hasEarlier) break;
      const earlier = await readTranscriptPage(long, 't', { before: page.start, limit: 7 });
      expect(earlier.end).toBe(page.start);
      page = earlier;
    }
    expect(new Set(everything).size).toBe(everything.length);
    expect(everything.filter((l) => l.includes('typed prompt: run two commands'))).toHaveLength(40);
    // Forwards from the first page's end reaches the same newest page.
    let fwd = await readTranscriptPage(long, 't', { after: 0, limit: 7 });
    const forwards = [...keyed(fwd.items)];
    while (fwd.hasLater) {
      fwd = await readTranscriptPage(long, 't', { after: fwd.end, limit: 7 });
      forwards.push(...keyed(fwd.items));
    }
    expect(forwards).toEqual(everything);
    expect(fwd.end).toBe(newest.end);
  });

  it('at an offset inside a line: the page holds that line and joins its neighbours without a gap', async () => {
    const whole: string[] = [];
    for (let p = await readTranscriptPage(long, 't', { after: 0, limit: 500 }); ; ) {
      whole.push(...keyed(p.items));
      if (!p.hasLater) break;
      p = await readTranscriptPage(long, 't', { after: p.end, limit: 500 });
    }
    const target = whole[Math.floor(whole.length / 2)] as string;
    const offset = Number(target.split(':')[0]);
    const page = await readTranscriptPage(long, 't', { at: offset + 5, limit: 9 });
    expect(page.anchor).toBe(offset);
    expect(keyed(page.items)).toContain(target);
    const before = await readTranscriptPage(long, 't', { before: page.start, limit: 9 });
    const after = await readTranscriptPage(long, 't', { after: page.end, limit: 9 });
    const joined = [...keyed(before.items), ...keyed(page.items), ...keyed(after.items)];
    const at = whole.indexOf(joined[0] as string);
    expect(joined).toEqual(whole.slice(at, at + joined.length));
  });

  it('a truncated last line is left out until Codex finishes writing it', async () => {
    const file = join(scratch, 'growing.jsonl');
    copyFileSync(fixture('v0169-commands.jsonl'), file);
    const line = JSON.stringify({
      timestamp: '2026-11-21T20:00:00.000Z',
      type: 'event_msg',
      payload: { type: 'agent_message', message: 'half written then done' },
    });
    appendFileSync(file, line.slice(0, 40));
    const partial = await readTranscriptPage(file, 't', {});
    expect(brief(partial.items)).not.toContain('message: half written then done');
    expect(partial.end).toBeLessThan(partial.size);
    expect(partial.hasLater).toBe(false);
    appendFileSync(file, `${line.slice(40)}\n`);
    const done = await readTranscriptPage(file, 't', {});
    expect(brief(done.items).at(-1)).toBe('message: half written then done');
    const fwd = await readTranscriptPage(file, 't', { after: partial.end });
    expect(brief(fwd.items)).toEqual(['message: half written then done']);
  });
});
