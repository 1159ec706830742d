// A 200 MB rollout is scanned, exported and paged (transcript) in a child process whose V8 heap is capped at 64 MB.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'cpm-big-rollout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('200 MB rollout', () => {
  it('scans, exports and snapshots without running out of memory (--max-old-space-size=64)', () => {
    const child = join(import.meta.dirname, 'scan-big.child.ts');
    const out = execFileSync(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', child, join(dir, 'big.jsonl'), 'v0169'], {
      encoding: 'utf8',
      timeout: 170_000,
    });
    const result = JSON.parse(out.trim().split('\n').at(-1) as string);
    expect(result.turns).toBeGreaterThan(10_000);
    expect(result.exportedTurns).toBe(result.turns);
    expect(result.peakHeap).toBeLessThan(64 * 1024 * 1024);
    expect(result.usage.inputTokens).toBe(1000 * result.turns);
    // Transcript pages hold items and read a few MB at most, wherever in the file they open.
    for (const n of result.pageItems) expect(n).toBeGreaterThan(10);
    for (const bytes of result.pageBytes) expect(bytes).toBeLessThan(4 * 1024 * 1024);
  }, 180_000);
});
