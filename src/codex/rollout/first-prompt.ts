// The task the person gave Codex in the terminal: the first message they typed in a thread (injected context such as
// <environment_context> and AGENTS.md is not theirs; records.ts leaves it out). Reads from the start and stops there.
import { readLinesForward } from './lines.js';
import { decodeLine } from './reader.js';
import { newStats } from './records.js';

/** A thread's first prompt comes within its first records; past this many bytes without one, there is none to show. */
const SEARCH_BYTES = 4 << 20;

export interface FirstPrompt {
  text: string;
  atIso: string | null;
}

/** The first message the person typed in the rollout at `path`, or null when it has none near its start. */
export async function firstUserPrompt(path: string, signal?: AbortSignal): Promise<FirstPrompt | null> {
  const stats = newStats();
  let found: FirstPrompt | null = null;
  await readLinesForward(
    path,
    0,
    (buf, start, end, offset) => {
      if (offset > SEARCH_BYTES) return false;
      for (const ev of decodeLine(buf, start, end, offset, stats)) {
        if (ev.kind === 'user' && ev.text.trim()) {
          found = { text: ev.text, atIso: ev.at };
          return false;
        }
      }
      return true;
    },
    { signal },
  );
  return found;
}
