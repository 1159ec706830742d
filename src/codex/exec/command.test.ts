import { describe, expect, it } from 'vitest';
import type { ThreadId } from '../../shared/ids.js';
import { buildExecCommand, execEnv } from './command.js';

const base = { command: 'codex', cwd: '/work/proj', sandbox: 'workspace-write' as const, prompt: 'do it' };

describe('buildExecCommand', () => {
  it('puts global flags before exec and reads the prompt from stdin', () => {
    const cmd = buildExecCommand({ ...base, model: 'gpt-5.5', effort: 'high' });
    expect(cmd.args).toEqual([
      '--cd=/work/proj',
      '--sandbox=workspace-write',
      '--model=gpt-5.5',
      '-c',
      'model_reasoning_effort="high"',
      '--disable',
      'unbounded_connection_retries',
      'exec',
      '--json',
      '--skip-git-repo-check',
      '-',
    ]);
    expect(cmd.stdin).toBe('do it');
    expect(cmd.args).not.toContain('do it');
  });

  it('resumes with the thread id after exec flags and images before the stdin marker', () => {
    const cmd = buildExecCommand({ ...base, resumeThreadId: 'abc-1' as ThreadId, images: ['/a b.png', '/c.png'] });
    const exec = cmd.args.slice(cmd.args.indexOf('exec'));
    expect(exec).toEqual(['exec', '--json', '--skip-git-repo-check', 'resume', 'abc-1', '--image=/a b.png', '--image=/c.png', '-']);
    expect(cmd.args.indexOf('--cd=/work/proj')).toBeLessThan(cmd.args.indexOf('exec'));
  });

  const sandboxes = [
    ['read-only', '--sandbox=read-only'],
    ['workspace-write', '--sandbox=workspace-write'],
    ['danger-full-access', '--sandbox=danger-full-access'],
  ] as const;
  it.each(sandboxes)('sandbox %s never uses the bypass flag', (sandbox, flag) => {
    for (const resume of [null, 't' as ThreadId]) {
      const cmd = buildExecCommand({ ...base, sandbox, resumeThreadId: resume });
      expect(cmd.args).toContain(flag);
      expect(cmd.args.join(' ')).not.toContain('dangerously-bypass');
      expect(cmd.args.indexOf(flag)).toBeLessThan(cmd.args.indexOf('exec'));
    }
  });

  it('keeps a wrapper (node codex.js) in front and omits unset options', () => {
    const cmd = buildExecCommand({ ...base, command: '/usr/bin/node', commandArgs: ['/x/codex.js'], unboundedRetries: true });
    expect(cmd.command).toBe('/usr/bin/node');
    expect(cmd.args).toEqual([
      '/x/codex.js',
      '--cd=/work/proj',
      '--sandbox=workspace-write',
      'exec',
      '--json',
      '--skip-git-repo-check',
      '-',
    ]);
  });

  it('a cwd starting with "-" cannot become a flag', () => {
    expect(buildExecCommand({ ...base, cwd: '-rf' }).args[0]).toBe('--cd=-rf');
  });
});

describe('execEnv', () => {
  it('pins CODEX_HOME to the server setting', () => {
    expect(execEnv({ CODEX_HOME: '/other', PATH: '/bin' }, '/mine')).toEqual({ CODEX_HOME: '/mine', PATH: '/bin' });
  });
});
