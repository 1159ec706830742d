// An idle History worker sweeps only when the file events say something changed: here the timers are 10 minutes
// apart (quick loop, safety net and full sweep alike), so everything below is found only because a file event woke a
// sweep. Appends to an old rollout, a rollout in a day folder made after the watch started (and an append to it),
// a deletion, a move into an archived_sessions folder that did not exist, and a thread name. How soon (goal 1 s) is
// measured by bench/history/run.ts; the deadlines here only tell "woken by the event" from "waited for a timer".
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SessionSpec, sessionLines, threadIdFor, writeSession } from '../../bench/history/corpus.js';
import { HistoryService } from '../../src/history/service.js';
import { until } from '../helpers/until.js';

const root = mkdtempSync(join(tmpdir(), 'cpm-history-watch-'));
const home = join(root, 'codex');
const TEN_MINUTES = 600_000;
const SOON = 5_000;
let history: HistoryService;
/** Thread ids History announced as new rollouts, in order. */
const announced: string[] = [];
const old: { spec: SessionSpec; path: string }[] = [];

const spec = (n: number, startedAt: Date, word: string): SessionSpec => ({
  format: 'v0169',
  threadId: threadIdFor(n, startedAt),
  cwd: join(root, 'work'),
  startedAt,
  originator: 'codex-tui',
  source: 'cli',
  turns: [{ prompt: `the ${word} prompt`, message: 'an answer', command: 'ls', output: 'a', file: 'a.ts' }],
});

const hits = (q: string) => history.reader?.search({ q }).hits ?? [];

/** The lines `spec` gains from one more turn whose prompt holds `word`. */
function oneMoreTurn(s: SessionSpec, word: string): string {
  const longer = sessionLines({ ...s, turns: [...s.turns, { prompt: word, message: 'ok', command: 'ls', output: 'b', file: 'b.ts' }] });
  return `${longer.slice(sessionLines(s).length).join('\n')}\n`;
}

beforeAll(async () => {
  for (let n = 0; n < 3; n++) {
    const startedAt = new Date(Date.now() - (3 + n) * 86_400_000);
    const one = spec(n, startedAt, `oldword${n}`);
    const { path } = await writeSession(home, one);
    utimesSync(path, startedAt, startedAt);
    old.push({ spec: one, path });
  }
  history = new HistoryService({
    dataRoot: join(root, 'data'),
    codexHome: home,
    publish: () => {},
    quickMs: TEN_MINUTES,
    safetyMs: TEN_MINUTES,
    fullMs: TEN_MINUTES,
  });
  history.onRolloutsAdded((ids) => announced.push(...ids));
  history.start();
  await until('the first build', () => history.status().state === 'ready' && history.status().sessions === 3, 30_000);
}, 60_000);

afterAll(async () => {
  await history?.close();
  rmSync(root, { recursive: true, force: true });
});

it('finds a line appended to a rollout last written days ago', async () => {
  const { spec: s, path } = old[0]!;
  appendFileSync(path, oneMoreTurn(s, 'resumed zebrafinch51 prompt'));
  await until('the appended prompt', () => hits('zebrafinch51').length > 0, SOON);
});

it('finds a rollout in a day folder made after the watch started, then a line appended to it', async () => {
  const today = spec(10, new Date(), 'kestrel52');
  const { path } = await writeSession(home, today);
  // The folder is new (the corpus is days old): a watch set up before it existed must still hear inside it.
  expect(old.some((o) => dirname(o.path) === dirname(path))).toBe(false);
  await until('the new rollout', () => hits('kestrel52').length > 0, SOON);
  appendFileSync(path, oneMoreTurn(today, 'plover53 follow-up'));
  await until('the line appended to it', () => hits('plover53').length > 0, SOON);
  // A running session waiting for this rollout hears of it once, when it is first read; not of the append.
  expect(announced.filter((id) => id === today.threadId)).toHaveLength(1);
  expect(announced.filter((id) => old.some((o) => o.spec.threadId === id))).toHaveLength(3);
});

it('drops a deleted rollout, and follows one moved into an archived_sessions folder made just now', async () => {
  rmSync(old[1]!.path);
  await until('the deleted rollout to leave', () => hits('oldword1').length === 0, SOON);

  const { spec: s, path } = old[2]!;
  expect(existsSync(join(home, 'archived_sessions'))).toBe(false);
  mkdirSync(join(home, 'archived_sessions'));
  renameSync(path, join(home, 'archived_sessions', basename(path)));
  await until('the moved rollout, archived', () => history.reader?.byThread(s.threadId)?.archived === true, SOON);
  expect(hits('oldword2')).toHaveLength(1);
});

it('takes a thread name Codex appends to its session index', async () => {
  const { spec: s } = old[0]!;
  appendFileSync(join(home, 'session_index.jsonl'), `${JSON.stringify({ id: s.threadId, thread_name: 'Heron cleanup' })}\n`);
  await until('the name', () => history.reader?.byThread(s.threadId)?.title === 'Heron cleanup', SOON);
});
