// An interrupt must leave nothing behind, even while codex is starting a command in a session of its own (what
// codex-linux-sandbox does), which the process group kill alone does not reach.
import { execFileSync } from 'node:child_process';
import { constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTurnProcess } from './process.js';

const running = (marker: string) =>
  execFileSync('ps', ['-A', '-o', 'stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .some((l) => l.includes(marker) && !l.trim().startsWith('Z'));

// Stands in for codex: starts a new-session child every few milliseconds, as fast as it can, until killed. Every child
// holds the FIFO's write end as its stdout, so the read end sees end of file only once the last of them has exited.
const SPAWNER = `
const { spawn } = require('node:child_process');
const { openSync } = require('node:fs');
const [marker, fifo] = process.argv.slice(1);
const holder = openSync(fifo, 'w');
setInterval(() => {
  const child = spawn('sleep', [marker], { detached: true, stdio: ['ignore', holder, 'ignore'] });
  child.unref();
  process.stdout.write('spawned\\n');
}, 5);
`;

// A stray would sleep for 31 s, far past this; a process killed by the interrupt is gone within milliseconds.
const STRAY_DEADLINE_MS = 5_000;

/**
 * Opens the read end of a FIFO without waiting for a writer. The returned function resolves once every process
 * holding the write end has exited; call it only after a writer has opened it (before that, the FIFO reads as ended).
 */
function fifoReader(path: string): () => Promise<void> {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  return () => {
    const socket = new Socket({ fd, readable: true, writable: false });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`a process the stand-in started was still alive ${STRAY_DEADLINE_MS} ms after the turn ended`));
      }, STRAY_DEADLINE_MS);
      socket.once('end', () => {
        clearTimeout(timer);
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
      socket.resume();
    });
  };
}

describe.skipIf(process.platform === 'win32')('startTurnProcess interrupt', () => {
  it('kills the process and every child it started, including ones in their own sessions started during the interrupt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpm-turn-process-'));
    try {
      for (const marker of ['31.4101', '31.4102', '31.4103']) {
        const fifo = join(dir, `${marker}.fifo`);
        execFileSync('mkfifo', [fifo]);
        const allHoldersGone = fifoReader(fifo);
        let spawned = 0;
        let spawning: () => void = () => {};
        // Several children already running, and the stand-in still starting more when the interrupt arrives.
        const severalRunning = new Promise<void>((r) => {
          spawning = r;
        });
        const turn = startTurnProcess(
          { command: process.execPath, args: ['-e', SPAWNER, marker, fifo], stdin: '' },
          { cwd: process.cwd(), env: process.env, onLine: (line) => line === 'spawned' && ++spawned === 5 && spawning() },
        );
        await severalRunning;
        expect(running(`sleep ${marker}`)).toBe(true);
        turn.interrupt();
        const exit = await turn.done;
        expect(exit.interrupted).toBe(true);
        // Anything started in the gap between listing and killing would still hold the FIFO open.
        await allHoldersGone();
        expect(running(`sleep ${marker}`)).toBe(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
