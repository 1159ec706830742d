// The conversation export reads as the conversation: the task, each prompt and conclusion from our timeline, what Codex
// did between them (commands, files with diffs, tokens), and how an unfinished turn ended. Fixtures are real rollouts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConversationEntry, ConversationOptions } from './conversation.js';
import type { ConversationHeader } from './conversation-markdown.js';
import { exportConversation, workByEntry } from './export-conversation.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/rollouts');
const header = (scope: ConversationHeader['scope'] = 'whole conversation'): ConversationHeader => ({
  title: 'Loop fixture',
  threadId: 't-1',
  mode: 'Codex in a terminal, through the Codex Pro Max loop',
  rolloutFile: 'rollout.jsonl',
  exportedAt: '2026-12-01T00:00:00.000Z',
  scope,
});

function loopTimeline(): ConversationEntry[] {
  const raw = JSON.parse(readFileSync(join(FIXTURES, 'v0171-mcp-loop.timeline.json'), 'utf8')) as Omit<
    ConversationEntry,
    'id' | 'promptId'
  >[];
  return raw.map((e, i) => ({ ...e, id: `e${i}`, promptId: e.role === 'user' ? `p${i}` : null }));
}

async function render(
  file: string | null,
  timeline: ConversationEntry[],
  options: ConversationOptions = { inProgress: false },
  h = header(),
): Promise<string> {
  let md = '';
  await exportConversation(file && join(FIXTURES, file), timeline, options, h, (c) => {
    md += c;
  });
  return md;
}

/** Index of each needle in `text`, failing if one is missing, so order can be asserted. */
function positions(text: string, needles: string[]): number[] {
  return needles.map((n) => {
    const at = text.indexOf(n);
    expect(at, `missing: ${n}`).toBeGreaterThanOrEqual(0);
    return at;
  });
}

describe('conversation export, MCP loop (one Codex turn for the whole loop)', () => {
  it('reads in order: task, work, conclusion 1, prompt, work, conclusion 2, with commands, diffs and tokens', async () => {
    const md = await render('v0171-mcp-loop.jsonl', loopTimeline());
    const at = positions(md, [
      '## Task (typed in the terminal)',
      '> Start a Codex Pro Max session and write notes.md.',
      '- Ran `echo probe-one` (exit 0)',
      '- Added `/tmp/cpm-rig-work-Kk4UrQ/notes.md`',
      '+first line',
      '## Conclusion 1',
      'Wrote notes.md after checking with echo.',
      '## Prompt 2',
      '> Prompt A: edit the first line',
      '- Ran `echo step-a; exit 2` (exit 2)',
      '+first line, edited',
      '## Conclusion 2',
      'Done: edited notes.md (the check exited 2).',
      "## Codex's message",
      'Stopped; final answer.',
      'Tokens for the whole Codex thread: 7,915 tokens',
    ]);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // No loop plumbing, no per-turn fields, no raw JSON tool inputs.
    expect(md).not.toMatch(/None in this turn|State: running|Finished: not yet|submit_conclusion|"conclusion":/);
    // Each step's own tokens: the first exchange used 3 model calls before its conclusion was recorded.
    expect(md).toContain('- Used 3,430 tokens (3,300 in, of which 1,800 cached; 130 out)');
  });

  it('latest exchange: only the last prompt, its work and its conclusion', async () => {
    const timeline = loopTimeline();
    let md = '';
    await exportConversation(
      join(FIXTURES, 'v0171-mcp-loop.jsonl'),
      timeline.slice(0, 3),
      { inProgress: true },
      header('latest exchange'),
      (c) => {
        md += c;
      },
    );
    expect(md).toContain('- Export: latest exchange');
    expect(md).not.toContain('Prompt A: edit the first line');
    expect(md).toContain('Stopped; final answer.');
  });

  it('puts each conclusion’s commands and files under its own timeline entry', async () => {
    const work = await workByEntry(join(FIXTURES, 'v0171-mcp-loop.jsonl'), loopTimeline(), { inProgress: false });
    expect(work.map((w) => w.entryId)).toEqual(['e0', 'e2']);
    expect(work[0]?.commands.map((c) => [c.command, c.status])).toEqual([['echo probe-one', 'completed']]);
    expect(work[0]?.files.map((f) => [f.path.split('/').at(-1), f.change, f.status])).toEqual([['notes.md', 'add', 'applied']]);
    expect(work[1]?.commands).toEqual([{ command: 'echo step-a; exit 2', exitCode: 2, status: 'failed', output: 'step-a\n' }]);
    expect(work[1]?.files[0]?.diff).toContain('+first line, edited');
  });
  it('a conclusion Codex is still waiting on (its call written, its answer not yet) already has its work', async () => {
    // Codex writes the submit_conclusion call at once, but completes it only when the next prompt comes back.
    const lines = readFileSync(join(FIXTURES, 'v0171-mcp-loop.jsonl'), 'utf8').split('\n');
    const cut = lines.findIndex((l) => l.includes('"name":"submit_conclusion"'));
    const dir = mkdtempSync(join(tmpdir(), 'cpm-conv-'));
    const file = join(dir, 'waiting.jsonl');
    writeFileSync(file, `${lines.slice(0, cut + 1).join('\n')}\n`);
    const work = await workByEntry(file, loopTimeline().slice(0, 1), { inProgress: true });
    expect(work).toMatchObject([{ entryId: 'e0', outcome: 'concluded', commands: [{ command: 'echo probe-one' }] }]);
  });
});

describe('conversation export, drive mode and the terminal', () => {
  it('a command and a patch the read-only sandbox blocked are listed as blocked, with the output', async () => {
    const timeline: ConversationEntry[] = [
      { id: 'u', role: 'user', content: 'make a file', createdAt: '2026-12-01T00:00:00Z', promptId: 'p1' },
      {
        id: 'c',
        role: 'codex',
        content: 'The sandbox is read-only, so nothing was written.',
        createdAt: '2026-12-01T00:00:01Z',
        promptId: null,
      },
    ];
    const md = await render('v0169-readonly-blocked.jsonl', timeline);
    expect(md).toContain('## Prompt 1');
    expect(md).toContain('- Ran `touch blocked.txt && echo made` (blocked by the sandbox, exit 1)');
    expect(md).toContain("touch: cannot touch 'blocked.txt': Read-only file system");
    expect(md).toContain('- Added `x.md` (blocked by the sandbox, not written)');
    const work = await workByEntry(join(FIXTURES, 'v0169-readonly-blocked.jsonl'), timeline, { inProgress: false });
    expect(work).toMatchObject([{ entryId: 'c', commands: [{ status: 'blocked', exitCode: 1 }], files: [{ status: 'blocked' }] }]);
  });

  it('an interrupted driven turn says Interrupted, never "running" or "not yet"', async () => {
    // A rollout cut where `codex exec` was killed: the turn started, a command began, nothing ended.
    const lines = readFileSync(join(FIXTURES, 'v0169-commands.jsonl'), 'utf8').split('\n');
    const cut = lines.findIndex((l) => l.includes('"exec_command_end"') || l.includes('"CommandExecution"'));
    const dir = mkdtempSync(join(tmpdir(), 'cpm-conv-'));
    const file = join(dir, 'cut.jsonl');
    writeFileSync(file, `${lines.slice(0, cut).join('\n')}\n`);
    const timeline: ConversationEntry[] = [
      { id: 'u', role: 'user', content: 'run two commands', createdAt: '2026-12-01T00:00:00Z', promptId: 'p1' },
    ];
    let md = '';
    await exportConversation(
      file,
      timeline,
      { inProgress: false, drivenTurns: [{ promptId: 'p1', status: 'interrupted', error: null }] },
      header(),
      (c) => {
        md += c;
      },
    );
    expect(md).toContain('> run two commands');
    expect(md).toContain('**Interrupted**');
    expect(md).toContain('- Ran `echo hello-rollout` (did not finish)');
    expect(md).not.toMatch(/State: running|not yet/);
  });

  it('turns typed in the terminal (no timeline) still read as prompts and conclusions', async () => {
    const md = await render('v0169-commands.jsonl', []);
    positions(md, [
      '## Task (typed in the terminal)',
      '> run two commands',
      "## Codex's message",
      'Ran both.',
      '## Prompt typed in the terminal',
      '> now write notes.md',
    ]);
  });

  it('without a rollout, the timeline alone, with a note that Codex’s log is missing', async () => {
    const md = await render(null, loopTimeline(), { inProgress: false }, { ...header(), rolloutFile: null });
    expect(md).toContain("Codex's log: not found");
    positions(md, ['## Conclusion 1', 'Wrote notes.md', '## Prompt 2', '> Prompt A', '## Conclusion 2']);
  });
});
