// Fills a test server with many sessions and long timelines, in-process through Delivery (the same intents the API
// calls), so UI tests and benches start from a year's worth of data in seconds.
import { randomUUID } from 'node:crypto';
import type { SessionId, ThreadId } from '../../src/shared/ids.js';
import type { Rig } from '../helpers/rig.js';

const CODE_LINES = Array.from(
  { length: 60 },
  (_, i) => `  const value${i} = compute(${i}, options); // step ${i} of the long listing`,
).join('\n');

/** Entry `i` of a seeded timeline: prose of varying length, every third a long code block, every tenth some math. */
export function entryText(i: number, marker = ''): string {
  const prose = `Entry ${i}${marker ? ` ${marker}` : ''}. ${'The parser now keeps positions for every token it reads. '.repeat(1 + (i % 7))}`;
  const code = i % 3 === 0 ? `\n\n\`\`\`ts\nfunction step${i}() {\n${CODE_LINES}\n}\n\`\`\`` : '';
  const math = i % 10 === 0 ? '\n\n$$\nE = mc^2\n$$' : '';
  return `## Step ${i}\n\n${prose}${code}${math}`;
}

export interface SeededTimeline {
  threadId: ThreadId;
  sessionId: SessionId;
  /** Entry ids, oldest first. */
  entryIds: string[];
}

/** One attached session whose timeline holds `entries` conclusions (Codex waiting for a prompt afterwards). */
export function seedTimeline(rig: Rig, title: string, entries: number): SeededTimeline {
  const { delivery } = rig.server.ctx;
  const threadId = randomUUID() as ThreadId;
  const session = delivery.attach(threadId, title);
  const entryIds: string[] = [];
  for (let i = 1; i <= entries; i++) entryIds.push(delivery.conclude(threadId, entryText(i)).entry.id);
  return { threadId, sessionId: session.id, entryIds };
}

/** `count` sessions titled `${prefix} ${i}`, each with one short conclusion; returns their thread ids, oldest first. */
export function seedSessions(rig: Rig, count: number, prefix = 'Session'): ThreadId[] {
  const { delivery } = rig.server.ctx;
  const threads: ThreadId[] = [];
  for (let i = 0; i < count; i++) {
    const threadId = randomUUID() as ThreadId;
    delivery.attach(threadId, `${prefix} ${i}`);
    delivery.conclude(threadId, `Finished task ${i}: the parser keeps token positions.`);
    threads.push(threadId);
  }
  // Thousands of sessions made within a few milliseconds share their times, and then their order is anyone's guess:
  // space them a second apart, oldest first, so "newest first" has one right answer.
  const { store } = rig.server.ctx;
  const stamp = store.db.prepare('UPDATE sessions SET created_at = ?, updated_at = ?, last_activity_at = ? WHERE thread_id = ?');
  const base = Date.now() - count * 1000;
  store.tx(() => {
    threads.forEach((threadId, i) => {
      const at = new Date(base + i * 1000).toISOString();
      stamp.run(at, at, at, threadId);
    });
  });
  return threads;
}
