// Which processes count as a sandbox helper left behind by an interrupted turn: adopted by init, Codex's helper, and
// in the interrupted turn's folder. Anything else (a helper whose Codex still runs, another folder) is left alone.
import { describe, expect, it } from 'vitest';
import { orphanedSandboxesIn, type ProcessInfo } from './orphaned-sandboxes.js';

const helper = (pid: number, ppid: number, cwd: string): ProcessInfo => ({
  pid,
  ppid,
  pgid: pid,
  argv: ['/x/codex-linux-sandbox', '--sandbox-policy-cwd', cwd, '--command-cwd', cwd, '--', '/bin/bash', '-c', 'sleep 48'],
});

describe('orphanedSandboxesIn', () => {
  it('picks only helpers adopted by init that ran in the folder', () => {
    const processes = [
      helper(10, 1, '/work/a'),
      helper(11, 4242, '/work/a'),
      helper(12, 1, '/work/b'),
      { pid: 13, ppid: 1, pgid: 13, argv: ['sleep', '48', '--command-cwd', '/work/a'] },
      { pid: 14, ppid: 1, pgid: 14, argv: ['/x/codex-linux-sandbox', '--command-cwd'] },
    ];
    expect(orphanedSandboxesIn(processes, '/work/a').map((p) => p.pid)).toEqual([10]);
  });
});
