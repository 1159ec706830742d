// Follows a rollout as Codex appends to it: each poll reads only the bytes after the last complete line.
// A half-written line is read again next time; a shrunk or replaced file is reported as a reset.
import { stat } from 'node:fs/promises';
import { type LineSink, readLinesForward } from './lines.js';

export type PollResult = 'appended' | 'unchanged' | 'reset' | 'missing';

export class RolloutTail {
  private ino: number | null = null;

  constructor(
    readonly path: string,
    /** Byte offset of the next unread line. */
    public offset = 0,
  ) {}

  /** Remembers which file we are reading, so a rotation (new inode) is noticed. */
  async pin(): Promise<void> {
    this.ino = (await stat(this.path)).ino;
  }

  /** Hands new complete lines to `sink`. On 'reset' nothing is read: the caller rebuilds from scratch. */
  async poll(sink: LineSink): Promise<PollResult> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(this.path);
    } catch {
      return 'missing';
    }
    if ((this.ino !== null && info.ino !== this.ino) || info.size < this.offset) {
      this.ino = info.ino;
      this.offset = 0;
      return 'reset';
    }
    this.ino = info.ino;
    if (info.size === this.offset) return 'unchanged';
    const before = this.offset;
    const { next } = await readLinesForward(this.path, this.offset, sink);
    this.offset = next;
    return next === before ? 'unchanged' : 'appended';
  }
}
