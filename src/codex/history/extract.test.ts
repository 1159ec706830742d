import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ExtractCarry, RolloutExtractor, type SessionFacts } from './extract.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/rollouts');

/** Feeds a file's complete lines, optionally in two reads split at byte `cut` (the carry saved in between). */
function extract(name: string, cut?: number) {
  const buf = readFileSync(join(FIXTURES, name));
  const docs: RolloutExtractor['docs'] = [];
  let facts: SessionFacts | undefined;
  let carry: ExtractCarry | undefined;
  let x = new RolloutExtractor();
  let s = 0;
  for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, s)) {
    if (cut !== undefined && s >= cut && facts === undefined) {
      ({ facts, carry } = x.finish());
      docs.push(...x.docs);
      x = new RolloutExtractor(facts, JSON.parse(JSON.stringify(carry)));
    }
    if (nl > s) x.line(buf, s, nl, s);
    s = nl + 1;
  }
  const done = x.finish();
  docs.push(...x.docs);
  return { docs: docs.map((d) => [d.field, d.turn, d.text]), facts: done.facts, all: docs };
}

describe('what History reads from a rollout', () => {
  it('0.169: prompts, messages, commands and files per turn, never tool output', () => {
    const { docs, facts } = extract('v0169-commands.jsonl');
    expect(docs).toEqual([
      ['prompts', 0, 'run two commands'],
      ['commands', 0, 'echo hello-rollout'],
      ['commands', 0, 'echo oops >&2; exit 3'],
      ['messages', 0, 'Ran both. The second one failed with exit 3.'],
      ['prompts', 1, 'now write notes.md'],
      ['messages', 1, 'Writing the file now.'],
      ['files', 1, 'notes.md'],
      ['files', 1, 'notes.md'],
      ['messages', 1, 'Created and edited notes.md.'],
    ]);
    expect(JSON.stringify(docs)).not.toContain('hello-rollout\n'); // the command's printed output
    expect(facts).toMatchObject({
      threadId: '01a1ffb0-f832-76a2-82d1-cac707ab1678',
      cwd: '/tmp/cpm-rec-work-2iUzAI',
      originator: 'codex_exec',
      source: 'exec',
      cliVersion: '0.169.0',
      model: 'mock-model',
      turns: 2,
      tokens: 11310,
      firstPrompt: 'run two commands',
    });
  });

  it('0.171 MCP loop: the conclusion is a message, other MCP results are not', () => {
    const { docs } = extract('v0171-mcp-loop.jsonl');
    expect(docs.filter((d) => d[0] === 'messages').map((d) => d[2])).toEqual([
      'Wrote notes.md after checking with echo.',
      'Done: edited notes.md (the check exited 2).',
      'Stopped; final answer.',
    ]);
    expect(JSON.stringify(docs)).not.toContain('is ready. Do the task now'); // start_session's result text
  });

  it("0.171 MCP loop: a prompt typed in our browser, handed over as a loop tool's answer, is a prompt", () => {
    const { docs } = extract('v0171-mcp-loop.jsonl');
    const prompts = docs.filter((d) => d[0] === 'prompts').map((d) => d[2]);
    expect(prompts).toContain('Prompt A: edit the first line');
    expect(prompts.filter((p) => p === 'Prompt A: edit the first line')).toHaveLength(1);
    expect(JSON.stringify(prompts)).not.toContain('call submit_conclusion'); // the loop's own words around the prompt
  });

  it('a command the sandbox blocked still counts (it has no completion record)', () => {
    const { docs } = extract('v0169-readonly-blocked.jsonl');
    expect(docs.filter((d) => d[0] === 'commands')).toEqual([['commands', 0, 'touch blocked.txt && echo made']]);
  });

  it('older event rollouts and bare 2025 ones, each text once', () => {
    const legacy = extract('legacy-0.50-events.jsonl');
    expect(legacy.docs).toEqual([
      ['prompts', 0, 'list files and add a note'],
      ['commands', 0, 'ls'],
      ['commands', 0, 'cat missing.txt'],
      ['files', 0, 'NOTE.md'],
      ['messages', 0, 'Listed files; `cat` failed; wrote NOTE.md with ``` inside.'],
      ['prompts', 1, 'now something long'],
      ['messages', 1, 'Starting the long thing.'],
    ]);
    expect(legacy.facts).toMatchObject({ originator: 'codex_cli_rs', source: 'cli', model: 'gpt-5-codex', turns: 2 });
    expect(extract('legacy-2025h1-bare.jsonl').docs).toEqual([
      ['prompts', 0, 'what is in here?'],
      ['commands', 0, 'ls -a'],
      ['messages', 0, 'There is one file: file.txt.'],
    ]);
  });

  it('resumes from a saved carry with the same result as one read', () => {
    const whole = extract('v0169-commands.jsonl');
    for (const cut of [16_000, 25_000, 31_000]) {
      const split = extract('v0169-commands.jsonl', cut);
      expect(split.docs, `cut at ${cut}`).toEqual(whole.docs);
      expect(split.facts).toEqual(whole.facts);
    }
  });

  it('gives each document its line offset and ordinal, so a hit opens the transcript there', () => {
    const { all } = extract('v0169-commands.jsonl');
    const buf = readFileSync(join(FIXTURES, 'v0169-commands.jsonl'));
    for (const d of all) {
      const line = JSON.parse(buf.toString('utf8', d.offset, buf.indexOf(10, d.offset)));
      expect(line.ordinal).toBe(d.ordinal);
    }
  });
});
