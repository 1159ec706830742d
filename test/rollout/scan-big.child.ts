// Child process for big-file.test.ts: generates a 200 MB rollout and scans it under a small heap limit.
import { generateRollout } from '../../bench/rollout/generate.js';
import { exportSession } from '../../src/codex/rollout/export.js';
import { scanRollout } from '../../src/codex/rollout/reader.js';
import { RolloutState } from '../../src/codex/rollout/state.js';
import { readTranscriptPage } from '../../src/codex/rollout/transcript-page.js';

const [path, format] = process.argv.slice(2) as [string, 'v0169' | 'legacy'];
const turns = await generateRollout(path, format, 200 * 1024 * 1024);
let peakHeap = 0;
let events = 0;
const { stats } = await scanRollout(path, () => {
  if (++events % 20000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
});
let exportedChars = 0;
const exportedTurns = await exportSession(path, { title: 'big', threadId: null, rolloutPath: path, exportedAt: 'now' }, (c) => {
  exportedChars += c.length;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
});
// The transcript's newest page and one from the middle read a window of the file, not all of it.
const heapBeforePages = process.memoryUsage().heapUsed;
const newest = await readTranscriptPage(path, 'big', {});
const middle = await readTranscriptPage(path, 'big', { at: Math.floor(newest.size / 2) });
const pageItems = [newest.items.length, middle.items.length];
const pageBytes = [newest.end - newest.start, middle.end - middle.start];
const pageHeapGrowth = process.memoryUsage().heapUsed - heapBeforePages;
const state = await RolloutState.open(path);
console.log(
  JSON.stringify({
    turns,
    events,
    lines: stats.lines,
    exportedTurns,
    exportedChars,
    peakHeap,
    usage: state.usageSnapshot().total,
    pageItems,
    pageBytes,
    pageHeapGrowth,
  }),
);
