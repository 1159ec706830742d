// `node --import tsx bench/rollout/transcript.ts`: how long one transcript page takes from a 200 KB and a 200 MB
// generated rollout (0.169 shape), the newest page and one from the middle (`at`), p50/p95 over 20 reads each. A page
// reads a window of whole lines near its offset, so the two sizes should cost about the same.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTranscriptPage } from '../../src/codex/rollout/transcript-page.js';
import { generateRollout } from './generate.js';

const dir = mkdtempSync(join(tmpdir(), 'cpm-bench-transcript-'));
try {
  for (const [label, bytes] of [
    ['200 KB', 200 * 1024],
    ['200 MB', 200 * 1024 * 1024],
  ] as const) {
    const path = join(dir, `${bytes}.jsonl`);
    await generateRollout(path, 'v0169', bytes);
    for (const [where, query] of [
      ['newest', {}],
      ['middle', { at: Math.floor(bytes / 2) }],
    ] as const) {
      const times: number[] = [];
      let items = 0;
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        items = (await readTranscriptPage(path, 'bench', query)).items.length;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(1);
      console.log(`${label.padEnd(7)} ${where.padEnd(7)} ${items} items  p50 ${p(0.5)} ms  p95 ${p(0.95)} ms`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
