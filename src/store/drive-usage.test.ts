// A driven session's token figures from its turn rows: each turn's usage summed once (usage-math's sumUsage), a turn
// that never reported usage counting as nothing, other sessions' turns left out. Real SQLite in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TurnId } from '../shared/drive.js';
import type { SessionId } from '../shared/ids.js';
import { ZERO_USAGE } from '../shared/usage-math.js';
import { DriveRepo } from './drive.js';
import { Store } from './store.js';

let dir: string;
let store: Store;
let repo: DriveRepo;
let turns = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cpm-drive-usage-'));
  store = Store.open(join(dir, 'db.sqlite3'), (id) => join(dir, 'attachments', id));
  repo = new DriveRepo(store.db);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const session = (): SessionId =>
  store.sessions.create({ threadId: null, kind: 'driven', title: 't', titleSource: 'default', status: 'RUNNING', cwd: '/w' });

function turn(sessionId: SessionId, usage?: [number, number, number, number]): void {
  const id = `turn-${++turns}` as TurnId;
  repo.createTurn({ id, sessionId, threadId: null, promptId: null, prompt: 'p', images: [], engine: 'exec' });
  if (usage) {
    const [inputTokens, cachedInputTokens, outputTokens, reasoningOutputTokens] = usage;
    repo.setTurnUsage(id, { inputTokens, cachedInputTokens, outputTokens, reasoningOutputTokens });
  }
}

it('sums every turn that reported usage, field by field, and only the session’s own', () => {
  const a = session();
  const b = session();
  turn(a, [100, 40, 20, 5]);
  turn(a);
  turn(a, [150, 100, 10, 0]);
  turn(b, [999, 999, 999, 999]);
  expect(repo.usage(a)).toEqual({ inputTokens: 250, cachedInputTokens: 140, outputTokens: 30, reasoningOutputTokens: 5 });
  expect(repo.turns(a).map((t) => t.usage)).toEqual([
    { inputTokens: 100, cachedInputTokens: 40, outputTokens: 20, reasoningOutputTokens: 5 },
    null,
    { inputTokens: 150, cachedInputTokens: 100, outputTokens: 10, reasoningOutputTokens: 0 },
  ]);
});

it('is zero for a session with no turns, or none that reported usage', () => {
  const a = session();
  expect(repo.usage(a)).toEqual(ZERO_USAGE);
  turn(a);
  expect(repo.usage(a)).toEqual(ZERO_USAGE);
});
