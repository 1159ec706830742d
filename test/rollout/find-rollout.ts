// Where Codex wrote a rollout under a CODEX_HOME, for the scripts that record fixtures from a real run.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The first rollout under `home`/sessions whose file name ends with `<threadId>.jsonl`; any rollout when no id is given. */
export function findRollout(home: string, threadId = ''): string {
  const stack = [join(home, 'sessions')];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) stack.push(full);
      else if (name.endsWith(`${threadId}.jsonl`)) return full;
    }
  }
  throw new Error(threadId ? `no rollout for ${threadId}` : 'no rollout');
}
