// The MCP server's watch for its Codex ending, against real processes: the parent going away while stdin stays open
// (a grandchild can hold the pipe), stdin closing while the parent lives, and no parent watched once init adopted the process.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExitReason, watchCodexExit } from './codex-exit.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A real process standing in for Codex, which stays until it is killed. */
async function standIn(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  return child;
}

/** What the watch has said so far: its reason, or null while it says nothing. */
function settled(ended: Promise<ExitReason>): Promise<ExitReason | null> {
  return Promise.race([ended, new Promise<null>((resolve) => setImmediate(() => resolve(null)))]);
}

describe('watchCodexExit', () => {
  it('says parent_exited when the Codex process ends although stdin is still open', async () => {
    const codex = await standIn();
    const stdin = new PassThrough();
    const watch = watchCodexExit({ parentPid: codex.pid, pollMs: 20, stdin });
    try {
      expect(await settled(watch.ended)).toBeNull();
      codex.kill('SIGKILL');
      await once(codex, 'exit');
      expect(await watch.ended).toBe('parent_exited');
    } finally {
      watch.stop();
      stdin.destroy();
    }
  });

  it('says stdin_closed when its end of stdin closes while the parent lives', async () => {
    const codex = await standIn();
    const stdin = new PassThrough();
    const watch = watchCodexExit({ parentPid: codex.pid, pollMs: 20, stdin });
    try {
      stdin.end();
      stdin.resume();
      expect(await watch.ended).toBe('stdin_closed');
    } finally {
      watch.stop();
    }
  });

  it('watches no parent that is already init (adopted before it started), and still sees stdin close', async () => {
    const stdin = new PassThrough();
    const watch = watchCodexExit({ parentPid: 1, pollMs: 20, stdin });
    try {
      expect(await settled(watch.ended)).toBeNull();
      stdin.destroy();
      expect(await watch.ended).toBe('stdin_closed');
    } finally {
      watch.stop();
    }
  });
});
