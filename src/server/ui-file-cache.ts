// The built UI's files, kept in memory once read. A page load asks for seven of them at once, and reading each from
// disk took a stat, an open, reads and a close, each a trip through libuv's thread pool: on a just-started server a
// cold load waited 15–50 ms a file. A file whose name carries its content hash (under assets/) never changes, since a
// rebuild writes new names, so its copy is served as it is; any other file (index.html, the service worker), which a
// rebuild rewrites in place, is checked with one stat and read again when it changed.
import { readFile, stat } from 'node:fs/promises';
import { sep } from 'node:path';

/** What is kept at most, so a build with unexpectedly large files cannot grow the server without bound. */
const BUDGET_BYTES = 32 * 1024 * 1024;

interface Kept {
  bytes: Buffer;
  mtimeMs: number;
  size: number;
}

export class UiFileCache {
  private readonly kept = new Map<string, Kept | null>();
  private keptBytes = 0;
  private readonly assets: string;

  constructor(
    /** The built UI's folder. */
    readonly root: string,
    private readonly budgetBytes = BUDGET_BYTES,
  ) {
    this.assets = `${root}${sep}assets${sep}`;
  }

  /** Whether the file's name carries its content hash, so its bytes under that name never change. */
  isImmutable(path: string): boolean {
    return path.startsWith(this.assets);
  }

  /** The file's bytes, or null when there is no such file. */
  async read(path: string): Promise<Buffer | null> {
    const known = this.kept.get(path);
    const immutable = this.isImmutable(path);
    if (known !== undefined && immutable) return known?.bytes ?? null;
    const found = await stat(path).catch(() => null);
    if (!found?.isFile()) {
      this.forget(path);
      // A hashed name that is missing stays missing (a precompressed copy the build did not make).
      if (immutable) this.kept.set(path, null);
      return null;
    }
    if (known && known.mtimeMs === found.mtimeMs && known.size === found.size) return known.bytes;
    const bytes = await readFile(path);
    this.forget(path);
    if (this.keptBytes + bytes.length <= this.budgetBytes) {
      this.kept.set(path, { bytes, mtimeMs: found.mtimeMs, size: found.size });
      this.keptBytes += bytes.length;
    }
    return bytes;
  }

  /** Bytes kept now. */
  get size(): number {
    return this.keptBytes;
  }

  private forget(path: string): void {
    const known = this.kept.get(path);
    if (known) this.keptBytes -= known.bytes.length;
    this.kept.delete(path);
  }
}
