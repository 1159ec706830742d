// An interrupt must leave nothing behind, even while codex is starting a command in a session of its own (what
// codex-linux-sandbox does), which the process group kill alone does not reach.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startTurnProcess } from './process.js';

const running = (marker: string) =>
  execFileSync('ps', ['-A', '-o', 'stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .some((l) => l.includes(marker) && !l.trim().startsWith('Z'));

// Stands in for codex: starts a new-session child every few milliseconds, as fast as it can, until killed.
const SPAWNER = `
const { spawn } = require('node:child_process');
const marker = process.argv[1];
process.stdout.write('ready\\n');
setInterval(() => spawn('sleep', [marker], { detached: true, stdio: 'ignore' }).unref(), 5);
`;

describe.skipIf(process.platform === 'win32')('startTurnProcess interrupt', () => {
  it('kills the process and every child it started, including ones in their own sessions started during the interrupt', async () => {
    for (const marker of ['31.4101', '31.4102', '31.4103']) {
      let ready: () => void = () => {};
      const started = new Promise<void>((r) => {
        ready = r;
      });
      const turn = startTurnProcess(
        { command: process.execPath, args: ['-e', SPAWNER, marker], stdin: '' },
        { cwd: process.cwd(), env: process.env, onLine: (line) => line === 'ready' && ready() },
      );
      await started;
      await new Promise((r) => setTimeout(r, 100));
      expect(running(`sleep ${marker}`)).toBe(true);
      turn.interrupt();
      const exit = await turn.done;
      expect(exit.interrupted).toBe(true);
      // Anything started in the gap between listing and killing would still be sleeping now.
      await new Promise((r) => setTimeout(r, 300));
      expect(running(`sleep ${marker}`)).toBe(false);
    }
  });
});
