// The History index on a generated corpus with known contents, through the real worker and real SQLite: every planted
// phrase is found in its own field and turn, tool output never shows up, an append is searchable without re-reading
// the file (how soon is measured by bench/history/run.ts, goal 1 s), and deleted, moved, half-written and unreadable
// files are handled.
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CorpusFormat,
  rolloutPathFor,
  type SessionSpec,
  sessionLines,
  threadIdFor,
  writeSession,
} from '../../bench/history/corpus.js';
import { HistoryService } from '../../src/history/service.js';
import type { HistoryField, HistoryStatus } from '../../src/shared/history.js';
import type { PushMessage } from '../../src/shared/push.js';

const root = mkdtempSync(join(tmpdir(), 'cpm-history-'));
const home = join(root, 'codex');
const second = join(root, 'codex-two');
const pushes: PushMessage[] = [];
let history: HistoryService;

const SESSIONS = 24;
const TURNS = 3;
const specs: SessionSpec[] = [];
const t0 = Date.UTC(2026, 9, 1);

/** Unique made-up words per session, turn and field, so every hit can be traced to where it was planted. */
const word = (kind: string, s: number, t: number) => `${kind}${s}x${t}q`;

function spec(s: number, format: CorpusFormat, extra: Partial<SessionSpec> = {}): SessionSpec {
  const startedAt = new Date(t0 + s * 3_600_000);
  return {
    format,
    threadId: threadIdFor(s, startedAt),
    cwd: s % 2 === 0 ? join(root, 'repo', 'pkg') : join(root, 'loose', `f${s % 3}`),
    startedAt,
    originator: s % 3 === 0 ? 'codex_exec' : 'codex-tui',
    source: s % 3 === 0 ? 'exec' : 'cli',
    turns: Array.from({ length: TURNS }, (_, t) => ({
      prompt: `please ${word('prompt', s, t)} the "deploy script" now`,
      message: `done with ${word('message', s, t)} today`,
      command: `grep -rn ${word('command', s, t)} src`,
      output: `${word('leak', s, t)} printed by the tool`,
      file: `src/${word('file', s, t)}.ts`,
    })),
    ...extra,
  };
}

const rechecks = new Set<() => void>();
const publish = (m: PushMessage) => {
  pushes.push(m);
  for (const recheck of [...rechecks]) recheck();
};

/**
 * Resolves with `check()` once it holds, checked now and after every push the index sends (each change it makes is
 * announced by one: history.changed after a commit, history.progress when its status moves); fails after `ms`.
 */
function afterPush<T>(what: string, check: () => T | null | undefined | false, ms = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const settle = (done: () => void) => {
      clearTimeout(timer);
      rechecks.delete(recheck);
      done();
    };
    const recheck = () => {
      try {
        const value = check();
        if (value) settle(() => resolve(value));
      } catch (error) {
        settle(() => reject(error));
      }
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`))), ms);
    rechecks.add(recheck);
    recheck();
  });
}

const statusOf = () => history.status();
const ready = (want: (s: HistoryStatus) => boolean = () => true) =>
  afterPush('the index to be ready', () => statusOf().state === 'ready' && want(statusOf()));
const search = (q: string, field?: HistoryField) => history.reader!.search({ q, field });

beforeAll(async () => {
  mkdirSync(join(root, 'repo', '.git'), { recursive: true });
  for (let s = 0; s < SESSIONS; s++) {
    const one = spec(s, s % 4 === 1 ? 'legacy' : 'v0169');
    specs.push(one);
    await writeSession(home, one);
  }
  history = new HistoryService({
    dataRoot: join(root, 'data'),
    codexHome: home,
    publish,
    quickMs: 100,
    fullMs: 1_000,
  });
  history.start();
  await ready((s) => s.sessions === SESSIONS);
}, 60_000);

afterAll(async () => {
  await history?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('History index', () => {
  it('finds every planted phrase in its own field and turn, in both formats', () => {
    const fields: [string, HistoryField][] = [
      ['prompt', 'prompts'],
      ['message', 'messages'],
      ['command', 'commands'],
      ['file', 'files'],
    ];
    for (const [s, one] of specs.entries()) {
      for (let t = 0; t < TURNS; t++) {
        for (const [kind, field] of fields) {
          const { hits } = search(word(kind, s, t), field);
          expect(
            hits.map((h) => [h.threadId, h.field, h.turnIndex]),
            `${kind} ${s} ${t} (${one.format})`,
          ).toEqual([[one.threadId, field, t]]);
          // The other fields do not hold it.
          for (const [, other] of fields) if (other !== field) expect(search(word(kind, s, t), other).hits).toEqual([]);
        }
      }
    }
  });

  it('never indexes tool output, in any field', () => {
    for (let s = 0; s < SESSIONS; s++) for (let t = 0; t < TURNS; t++) expect(search(word('leak', s, t)).hits).toEqual([]);
  });

  it('matches phrases exactly, prefixes and words, with snippets that mark the match', () => {
    const phrase = search('"deploy script"', 'prompts');
    expect(phrase.hits.length).toBe(50);
    expect(phrase.nextCursor).not.toBeNull();
    expect(search('"script deploy"').hits).toEqual([]);
    const prefix = search('prompt3x', 'prompts');
    expect(prefix.hits.map((h) => h.turnIndex).sort()).toEqual([0, 1, 2]);
    const hit = search('message5x1q').hits[0]!;
    expect(hit.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['message5x1q']);
    expect(hit.snippet.map((p) => p.text).join('')).toBe('done with message5x1q today');
    // Recency: the same phrase in a newer session ranks first.
    expect(phrase.hits[0]?.threadId).toBe(specs[SESSIONS - 1]?.threadId);
  });

  it('lists sessions newest first, by project, with cursors that cover each once', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = history.reader!.list({ limit: 5, cursor });
      seen.push(...page.sessions.map((s) => s.threadId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...specs].reverse().map((s) => s.threadId));
    const projects = history.reader!.projects();
    const repo = projects.find((p) => p.key === join(root, 'repo'));
    expect(repo).toMatchObject({ kind: 'git', label: 'repo', sessions: SESSIONS / 2 });
    const inRepo = history.reader!.list({ project: [join(root, 'repo')] });
    expect(inRepo.total).toBe(SESSIONS / 2);
    expect(history.reader!.list({ originator: ['exec'] }).total).toBe(SESSIONS / 3);
    const first = history.reader!.byThread(specs[0]!.threadId)!;
    expect(first).toMatchObject({
      turns: TURNS,
      tokens: 1100 * TURNS,
      originator: 'exec',
      title: `please prompt0x0q the "deploy script" now`,
    });
  });

  it('makes an appended line searchable, reading only the new bytes', async () => {
    const one = specs[2]!;
    const path = rolloutPathFor(home, one.threadId, one.startedAt);
    const line = JSON.stringify({
      timestamp: new Date().toISOString(),
      type: 'event_msg',
      payload: { type: 'agent_message', message: 'appended zebrafinch' },
    });
    const changed = pushes.length;
    appendFileSync(path, `${line}\n`);
    // The status push can land before the change push: wait for both the line and the push that announces it.
    const push = await afterPush(
      'the appended line and its history.changed',
      () => search('zebrafinch', 'messages').hits.length === 1 && pushes.slice(changed).find((p) => p.type === 'history.changed'),
      10_000,
    );
    // Read once: what was there before is still found once, not twice.
    expect(search(word('message', 2, 0)).hits).toHaveLength(1);
    expect(push).toMatchObject({ type: 'history.changed', reload: false, upserted: [{ threadId: one.threadId }] });
  });

  it('drops a deleted rollout, and marks one moved to archived_sessions as archived', async () => {
    const gone = specs[3]!;
    rmSync(rolloutPathFor(home, gone.threadId, gone.startedAt));
    const removed = () => pushes.some((p) => p.type === 'history.changed' && p.removed.includes(gone.threadId));
    await afterPush(
      'the deleted session to leave, and the push that says so',
      () => search(word('prompt', 3, 0)).hits.length === 0 && removed(),
      5_000,
    );
    expect(history.reader!.byThread(gone.threadId)).toBeNull();

    const moved = specs[4]!;
    const from = rolloutPathFor(home, moved.threadId, moved.startedAt);
    mkdirSync(join(home, 'archived_sessions'), { recursive: true });
    renameSync(from, join(home, 'archived_sessions', from.split('/').pop()!));
    await afterPush('the moved session to be archived', () => history.reader!.byThread(moved.threadId)?.archived === true, 5_000);
    expect(search(word('prompt', 4, 1)).hits).toHaveLength(1);
    expect(history.reader!.list({ archived: 'only' }).sessions.map((s) => s.threadId)).toEqual([moved.threadId]);
    expect(history.reader!.list({ archived: 'exclude' }).total).toBe(SESSIONS - 2);
  });

  it('indexes a half-written file up to its last line, counts it, and reads the line once it is complete', async () => {
    const cut = spec(100, 'v0169', { truncateLast: true, startedAt: new Date() });
    cut.threadId = threadIdFor(100, cut.startedAt);
    const { path } = await writeSession(home, cut);
    await afterPush('the half-written file', () => history.reader!.byThread(cut.threadId) && statusOf().halfWrittenFiles === 1, 5_000);
    expect(search(word('message', 100, 2)).hits).toHaveLength(1);
    expect(history.reader!.byThread(cut.threadId)?.turns).toBe(TURNS);
    // Codex finishes writing the line, then appends another.
    const lines = sessionLines(cut);
    const last = lines[lines.length - 1]!;
    appendFileSync(path, `${last.slice(Math.floor(last.length / 2))}\n`);
    await afterPush('the completed line', () => statusOf().halfWrittenFiles === 0, 5_000);
    expect(statusOf().malformedLines).toBe(0);
  });

  it('counts an unreadable file without stopping, and names it', async () => {
    const bad = join(home, 'sessions', '2026', '10', '02', `rollout-2026-10-02T00-00-00-${threadIdFor(200, new Date(t0))}.jsonl`);
    mkdirSync(join(bad, '..'), { recursive: true });
    writeFileSync(bad, 'this is not a rollout\nnor is this\n');
    await afterPush('the unreadable file to be counted', () => statusOf().unreadableFiles === 1, 5_000);
    expect(statusOf().unreadable).toEqual([{ path: bad, reason: 'no line of it is a Codex record' }]);
    expect(search(word('prompt', 5, 0)).hits).toHaveLength(1);
  });

  it('takes thread names from Codex’s session index and searches them', async () => {
    const named = specs[6]!;
    appendFileSync(
      join(home, 'session_index.jsonl'),
      `${JSON.stringify({ id: named.threadId, thread_name: 'Quarterly kingfisher cleanup', updated_at: '2026-10-02T00:00:00Z' })}\n`,
    );
    await afterPush('the name', () => history.reader!.byThread(named.threadId)?.title === 'Quarterly kingfisher cleanup', 20_000);
    expect(search('kingfisher').hits.map((h) => [h.threadId, h.field])).toEqual([[named.threadId, 'title']]);
  });

  it('indexes further Codex homes side by side, and forgets one that is removed', async () => {
    const other = spec(300, 'v0169', { startedAt: new Date(t0) });
    await writeSession(second, other);
    history.setExtraHomes([second]);
    await afterPush('the second home', () => search(word('prompt', 300, 1)).hits.length === 1, 20_000);
    expect(history.reader!.byThread(other.threadId)?.codexHome).toBe(second);
    expect(history.homes().extraHomes).toEqual([second]);
    history.setExtraHomes([]);
    await afterPush('the second home to leave', () => search(word('prompt', 300, 1)).hits.length === 0, 20_000);
  });
});

describe('a damaged index file', () => {
  it('is deleted and built again instead of leaving History unavailable', async () => {
    const dataRoot = mkdtempSync(join(tmpdir(), 'cpm-history-damaged-'));
    writeFileSync(join(dataRoot, 'history.sqlite3'), 'not a database, just text that happens to be here'.repeat(100));
    const notes: string[] = [];
    const again = new HistoryService({ dataRoot, codexHome: home, publish, log: (l) => notes.push(l), quickMs: 100 });
    try {
      again.start();
      await afterPush('the rebuilt index', () => again.status().state === 'ready' && again.status().sessions > 0, 20_000);
      expect(notes.join('\n')).toContain('was damaged');
      expect(again.reader?.search({ q: word('prompt', 0, 0) }).hits).toHaveLength(1);
    } finally {
      await again.close();
      rmSync(dataRoot, { recursive: true, force: true });
    }
  });
});
