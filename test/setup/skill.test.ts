// The installed skill as the real codex sees it: valid frontmatter, listed to the model, no loader warnings.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installIntegration, PROJECT_ROOT } from '../../src/codex/integration.js';
import { execArgs, makeCodexHome, runCodex } from '../fixtures/codex-env.js';
import { type FakeModel, startFakeModel } from '../fixtures/fake-model.js';

const SKILL = join(PROJECT_ROOT, 'skill', 'codex-pro-max', 'SKILL.md');

describe('skill/codex-pro-max/SKILL.md', () => {
  it('has the frontmatter Codex expects (a name, a description of at most 1024 characters, a short description)', () => {
    const text = readFileSync(SKILL, 'utf8');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1];
    expect(front).toBeDefined();
    const lines = (front as string).split('\n');
    expect(lines[0]).toBe('name: codex-pro-max');
    const description = lines.find((l) => l.startsWith('description: '))?.slice('description: '.length) ?? '';
    expect(description.length).toBeGreaterThan(20);
    expect(description.length).toBeLessThanOrEqual(1024);
    // A ": " inside a plain YAML scalar would end it early.
    expect(description).not.toContain(': ');
    expect(lines).toContain('metadata:');
    expect(lines.some((l) => /^ {2}short-description: \S/.test(l))).toBe(true);
    for (const word of [
      'start_session',
      'submit_conclusion',
      'wait_for_instruction',
      'no_instruction_yet',
      'stopped',
      'cpm.mjs',
      'write_stdin',
    ]) {
      expect(text).toContain(word);
    }
  });

  let model: FakeModel | undefined;
  let home = '';
  afterAll(async () => {
    await model?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('is listed to the model by the real codex after setup', async () => {
    model = await startFakeModel(() => ({ steps: [{ type: 'message', text: 'ok' }] }));
    home = makeCodexHome({ baseUrl: model.baseUrl });
    installIntegration({ codexHome: home, dataRoot: join(home, 'data') });
    const result = await runCodex(execArgs('hello'), { codexHome: home, cwd: home, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.events.filter((e) => e.item?.type === 'error')).toEqual([]);
    const input = JSON.stringify(model.requests[0]?.input);
    expect(input).toContain('codex-pro-max: Keep this conversation going');
    expect(input).toContain('codex-pro-max/SKILL.md');
    expect(result.stderr).not.toMatch(/skill.*(invalid|error|fail)/i);
  }, 90_000);
});
