// Real file-system faults for tests: a read-only file and a small, fillable disk. Root ignores permission bits, so as
// root these use mounts (a read-only bind mount, a tmpfs); as anyone else, plain chmod. Each returns its undo.
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, rmdirSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const isRoot = process.getuid?.() === 0;

function run(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether this process may mount (root with CAP_SYS_ADMIN, as in CI); probed once with a throwaway tmpfs. */
export const canMount: boolean = (() => {
  if (!isRoot || process.platform !== 'linux') return false;
  const dir = mkdtempSync(join(tmpdir(), 'cpm-mount-probe-'));
  const mounted = run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
  if (mounted) run('umount', [dir]);
  rmdirSync(dir);
  return mounted;
})();

/** Whether readOnly() can stop this process from writing a file it owns. */
export const canMakeReadOnly = !isRoot || canMount;

/** Makes `file` unwritable for this process, for real: a read-only bind mount over it as root, chmod 0444 otherwise. */
export function readOnly(file: string): () => void {
  if (!isRoot) {
    const { mode } = statSync(file);
    chmodSync(file, 0o444);
    return () => chmodSync(file, mode & 0o7777);
  }
  execFileSync('mount', ['--bind', file, file]);
  execFileSync('mount', ['-o', 'remount,bind,ro', file]);
  return () => unmount(file);
}

/** A test that failed half way may leave the file open; detach the mount anyway so nothing outlives the test. */
function unmount(path: string): void {
  if (!run('umount', [path])) execFileSync('umount', ['-l', path]);
}

/** Mounts a tmpfs of `bytes` on the empty folder `dir` (needs canMount). */
export function smallDisk(dir: string, bytes: number): () => void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0700`, 'tmpfs', dir]);
  return () => unmount(dir);
}

/** Writes `file` until the disk under it says ENOSPC; delete the file to free the space again. */
export function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) {
      try {
        writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        // The last partial chunk may leave a few bytes; fill them one by one.
        try {
          for (;;) writeSync(fd, chunk, 0, 1);
        } catch {
          return;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}
