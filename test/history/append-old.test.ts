// An append to a rollout last written days ago (`codex resume` of an old thread) is found by the quick sweeps, with no
// full sweep in between (the next is 10 minutes away here): the worker hears the file change from the operating
// system's file events. How soon is measured by bench/history/run.ts (goal 1 s).
import { appendFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SessionSpec, sessionLines, threadIdFor, writeSession } from '../../bench/history/corpus.js';
import { HistoryService } from '../../src/history/service.js';
import { until } from '../helpers/until.js';

const root = mkdtempSync(join(tmpdir(), 'cpm-history-old-'));
const home = join(root, 'codex');
let history: HistoryService;
let path: string;
let spec: SessionSpec;

beforeAll(async () => {
  const startedAt = new Date(Date.now() - 3 * 86_400_000);
  spec = {
    format: 'v0169',
    threadId: threadIdFor(7, startedAt),
    cwd: join(root, 'work'),
    startedAt,
    originator: 'codex-tui',
    source: 'cli',
    turns: [{ prompt: 'the first prompt', message: 'the first answer', command: 'ls', output: 'a', file: 'a.ts' }],
  };
  ({ path } = await writeSession(home, spec));
  utimesSync(path, startedAt, startedAt);
  history = new HistoryService({ dataRoot: join(root, 'data'), codexHome: home, publish: () => {}, quickMs: 100, fullMs: 600_000 });
  history.start();
  await until('the index to be ready', () => history.status().state === 'ready' && history.status().sessions === 1, 20_000);
}, 60_000);

afterAll(async () => {
  await history?.close();
  rmSync(root, { recursive: true, force: true });
});

it('finds a line appended to an old rollout before any full sweep', async () => {
  // The same session one turn longer: its last turn's lines, with a word the index has never seen.
  const longer = sessionLines({
    ...spec,
    turns: [...spec.turns, { prompt: 'resumed zebrafinch41 prompt', message: 'ok', command: 'ls', output: 'b', file: 'b.ts' }],
  });
  const added = longer.slice(sessionLines(spec).length);
  expect(added.join('\n')).toContain('zebrafinch41');
  appendFileSync(path, `${added.join('\n')}\n`);
  await until('the appended prompt to be found', () => (history.reader?.search({ q: 'zebrafinch41' }).hits.length ?? 0) > 0, 5_000);
});
