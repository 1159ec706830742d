// The task the person gave Codex in the terminal, for an attached session: the thread's first typed message, read
// from its rollout. The loop's timeline starts at Codex's first conclusion, so without this the task never shows.
import { useEffect, useState } from 'react';
import { api } from '../../../src/shared/api.js';
import type { SessionSummary, TimelineEntry } from '../../../src/shared/schemas.js';
import { call } from '../api.js';

const PREFIX = 'terminal-task:';

/** Whether a timeline entry is the terminal task (shown as "You, in the terminal"). */
export function isTerminalTask(entry: TimelineEntry): boolean {
  return entry.id.startsWith(PREFIX);
}

/** The timeline with the terminal task first, when the start of the timeline is loaded and does not begin with it. */
export function withFirstPrompt(timeline: TimelineEntry[], hasEarlier: boolean, task: TimelineEntry | null): TimelineEntry[] {
  if (!task || hasEarlier) return timeline;
  const first = timeline.find((e) => e.role === 'user');
  if (first && first.content.trim() === task.content.trim()) return timeline;
  return [task, ...timeline];
}

/** The terminal task of an attached session as a timeline entry, once its rollout is found; null otherwise. */
export function useFirstPrompt(session: SessionSummary): TimelineEntry | null {
  const [task, setTask] = useState<TimelineEntry | null>(null);
  const { id, kind, threadId, createdAt } = session;
  // A rollout appears a moment after Codex attaches; the rollout path arriving on the session is the cue to look again.
  const located = session.rolloutPath !== null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `located` is the cue to ask again, not a value read inside
  useEffect(() => {
    if (kind !== 'attached' || !threadId) return;
    let current = true;
    call(api.firstPrompt, { sessionId: id }).then(
      ({ prompt }) => {
        if (!current || !prompt) return;
        setTask({
          id: `${PREFIX}${threadId}`,
          sessionId: id,
          seq: -1,
          role: 'user',
          content: prompt.text,
          createdAt: prompt.atIso ?? createdAt,
          promptId: null,
        });
      },
      (error: unknown) => console.warn('Could not read the task given in the terminal', error),
    );
    return () => {
      current = false;
    };
  }, [id, kind, threadId, createdAt, located]);
  return task;
}
