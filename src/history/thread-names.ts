// The names people gave their threads, as each Codex home's thread-name file records them (appended to, one JSON
// line per rename). Read from where the last read stopped; a torn or unreadable line is skipped, never thrown.
import { readFileSync, statSync } from 'node:fs';
import { threadNamesFile } from '../codex/history/rollout-files.js';

export interface ThreadRename {
  home: string;
  threadId: string;
  name: string;
}

export class ThreadNames {
  private readonly names = new Map<string, { offset: number; byThread: Map<string, string> }>();

  /** Reads what was appended to each home's file since the last call; returns the names that changed. */
  read(homes: readonly string[]): ThreadRename[] {
    const renames: ThreadRename[] = [];
    for (const home of homes) {
      const file = threadNamesFile(home);
      let entry = this.names.get(home);
      if (!entry) {
        entry = { offset: 0, byThread: new Map() };
        this.names.set(home, entry);
      }
      let text: string;
      try {
        if (statSync(file).size === entry.offset) continue; // read up to its end already: most sweeps
        const buf = readFileSync(file);
        if (buf.length < entry.offset) entry.offset = 0;
        const end = buf.lastIndexOf(0x0a) + 1;
        if (end <= entry.offset) continue;
        text = buf.toString('utf8', entry.offset, end);
        entry.offset = end;
      } catch {
        continue;
      }
      for (const line of text.split('\n')) {
        try {
          const rec = JSON.parse(line) as { id?: unknown; thread_name?: unknown };
          if (typeof rec.id !== 'string' || typeof rec.thread_name !== 'string' || !rec.thread_name.trim()) continue;
          const name = rec.thread_name.trim();
          if (entry.byThread.get(rec.id) === name) continue;
          entry.byThread.set(rec.id, name);
          renames.push({ home, threadId: rec.id, name });
        } catch {
          // a torn line: the rest of the file still counts
        }
      }
    }
    return renames;
  }

  nameOf(home: string, threadId: string): string | null {
    return this.names.get(home)?.byThread.get(threadId) ?? null;
  }
}
