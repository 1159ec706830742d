// Conversation fold benchmark: GET /work (workByEntry) and the whole-conversation export over a generated rollout,
// as the server runs them after each conclusion. `node --import tsx bench/rollout/conversation.ts [-- 20 100]` (MB).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportConversation, workByEntry } from '../../src/codex/rollout/export-conversation.js';
import { generateRollout } from './generate.js';

const MB = 1024 * 1024;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const dir = mkdtempSync(join(tmpdir(), 'cpm-bench-conv-'));
const header = { title: 'bench', threadId: null, mode: 'bench', rolloutFile: 'x', exportedAt: 'now', scope: 'whole conversation' } as const;
try {
  for (const size of sizes.length ? sizes : [20, 100]) {
    const path = join(dir, `r-${size}.jsonl`);
    const turns = await generateRollout(path, 'v0169', size * MB);
    const mb = (statSync(path).size / MB).toFixed(0);
    let t0 = performance.now();
    await workByEntry(path, [], { inProgress: false });
    const work = performance.now() - t0;
    t0 = performance.now();
    let bytes = 0;
    const n = await exportConversation(path, [], { inProgress: false }, header, (c) => {
      bytes += c.length;
    });
    const exp = performance.now() - t0;
    const rss = (process.memoryUsage().rss / MB).toFixed(0);
    console.log(
      `${mb} MB, ${turns} turns: /work fold ${work.toFixed(0)} ms · export ${exp.toFixed(0)} ms (${n} exchanges, ${(bytes / MB).toFixed(1)} MB of Markdown) · rss ${rss} MB`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
