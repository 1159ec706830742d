// What a hand-off asks SQLite: statements counted by their text, so a query that creeps back onto the hot path shows.
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type DeliveryKit, deliveryKit } from '../../test/helpers/delivery-kit.js';
import type { AttachmentId, SessionId, ThreadId } from '../shared/ids.js';

let kit: DeliveryKit;
let ran: string[];
let restore: () => void;
beforeEach(() => {
  kit = deliveryKit();
  ran = [];
  const proto = Object.getPrototypeOf(kit.store.db.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  const originals = (['run', 'get', 'all'] as const).map((method) => [method, proto[method]] as const);
  for (const [method, original] of originals) {
    proto[method] = function (this: Database.Statement, ...args: unknown[]) {
      ran.push(this.source);
      return original?.apply(this, args);
    };
  }
  restore = () => {
    for (const [method, original] of originals) proto[method] = original as (...args: unknown[]) => unknown;
  };
});
afterEach(() => {
  restore();
  kit.close();
});

const firstPromptQueries = () => ran.filter((sql) => /role = 'user' ORDER BY seq LIMIT 1/.test(sql)).length;

/** One turn of the loop: Codex waits, the person queues, the wait hands it over, Codex concludes. */
async function handOff(thread: ThreadId, id: SessionId, text: string): Promise<void> {
  const waiting = kit.delivery.wait(thread, { timeoutMs: 60_000 });
  kit.delivery.queue(id, text);
  const outcome = await waiting;
  expect(outcome.instruction?.text).toBe(text);
  outcome.handoff?.confirm();
  kit.delivery.conclude(thread, `done: ${text}`);
}

it('a session named by Codex is handed a prompt without looking for its first prompt', async () => {
  const thread = kit.newThread();
  const { id } = kit.delivery.attach(thread, 'Fix the build');
  await handOff(thread, id, 'first');
  await handOff(thread, id, 'second');
  expect(firstPromptQueries()).toBe(0);
  expect(kit.delivery.summary(id).title).toBe('Fix the build');
});

it('a session with the default title still takes its first prompt as its title, and looks no more after that', async () => {
  const thread = kit.newThread();
  const { id } = kit.delivery.attach(thread);
  await handOff(thread, id, 'Make the tests pass');
  expect(kit.delivery.summary(id).title).toBe('Make the tests pass');
  expect(firstPromptQueries()).toBe(1);
  await handOff(thread, id, 'and then lint');
  expect(firstPromptQueries()).toBe(1);
  expect(kit.delivery.summary(id).title).toBe('Make the tests pass');
});

it("reads the session's attachments for a prompt only when it has an @, and still hands over a mention's path", async () => {
  const thread = kit.newThread();
  const { id } = kit.delivery.attach(thread, 'Attachments');
  kit.delivery.addAttachment({
    id: 'a1a1a1a1-0000-4000-8000-000000000001' as AttachmentId,
    sessionId: id,
    wantedName: 'shot.png',
    storedName: 'x1.png',
    mimeType: 'image/png',
    sizeBytes: 3,
  });
  ran.length = 0;
  const attachmentReads = () => ran.filter((sql) => /^SELECT \* FROM attachments WHERE session_id = \?/.test(sql)).length;
  const waiting = kit.delivery.wait(thread, { timeoutMs: 60_000 });
  kit.delivery.queue(id, 'no mention here');
  (await waiting).handoff?.confirm();
  kit.delivery.conclude(thread, 'done');
  expect(attachmentReads()).toBe(0);
  const next = kit.delivery.wait(thread, { timeoutMs: 60_000 });
  kit.delivery.queue(id, 'look at @shot.png');
  const outcome = await next;
  expect(attachmentReads()).toBe(1);
  expect(outcome.instruction?.attachments.map((a) => a.name)).toEqual(['shot.png']);
  expect(outcome.instruction?.content).toContain('- @shot.png: ');
});
