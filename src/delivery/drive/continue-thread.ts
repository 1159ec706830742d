// "Continue here" from History: a prompt from the browser continues any Codex thread on this machine. It reuses the
// paths that already exist and never runs a second Codex on a thread: the session bound to the thread takes the
// prompt (its Codex in a terminal, the daemon, or drive mode), a session whose Codex has gone is taken over
// (DriveService.takeOver), and a thread Codex Pro Max has never seen gets a driven session bound to it, whose prompt
// DriveService then runs in the daemon when the daemon holds the thread, else as `codex exec resume`.
import { stat } from 'node:fs/promises';
import { firstUserPrompt } from '../../codex/rollout/first-prompt.js';
import { DriveRefused } from '../../errors.js';
import type { ThreadId } from '../../shared/ids.js';
import type { SessionSummary } from '../../shared/schemas.js';
import type { Store } from '../../store/store.js';
import type { Delivery } from '../delivery.js';
import { isPresent } from '../presence.js';
import type { DriveService } from './service.js';

export interface ContinueDeps {
  store: Store;
  delivery: Delivery;
  drive: DriveService;
}

/** What the thread's rollout says: where it ran, and its first prompt for a title. */
export interface ThreadFacts {
  rolloutPath: string;
  cwd: string | null;
}

const TITLE_CHARS = 80;

/** Queues `prompt` for the thread and makes sure something will run it; answers the session it went to. */
export async function continueThread(deps: ContinueDeps, threadId: ThreadId, facts: ThreadFacts, prompt: string): Promise<SessionSummary> {
  const { store, delivery, drive } = deps;
  const existing = store.sessions.idByThread(threadId);
  if (existing) {
    const session = delivery.summary(existing);
    delivery.queue(existing, prompt);
    // A live thread's prompt starts a turn in the daemon (loading it back if it was closed). An attached session with
    // nobody there is taken over: its prompt runs here, on the same thread.
    if (session.kind === 'attached' && session.live === null && !isPresent(session.presence) && delivery.waiterCount(existing) === 0)
      return drive.takeOver(existing);
    return delivery.summary(existing);
  }
  const cwd = facts.cwd;
  if (!cwd)
    throw new DriveRefused(
      "This session's rollout does not say which folder it ran in, so it cannot be continued here. Resume it in a terminal instead.",
    );
  const folder = await stat(cwd).catch(() => null);
  if (!folder?.isDirectory())
    throw new DriveRefused(`The folder this session ran in (${cwd}) is not there any more, so it cannot be continued here.`);
  const first = await firstUserPrompt(facts.rolloutPath).catch(() => null);
  const title = first?.text.replace(/\s+/g, ' ').trim().slice(0, TITLE_CHARS) || undefined;
  // What takeOver gives a thread it continues: no questions asked in the browser, writes inside the folder only.
  const settings = { cwd, model: null, effort: null, sandbox: 'workspace-write' as const, approvalPolicy: 'never' as const };
  const created = delivery.createDriven({ title, cwd }, (id) => {
    drive.repo.saveSettings(id, settings);
    store.events.record(id, 'session.created', { kind: 'driven', continuedThread: threadId });
  });
  // Bound before the prompt is queued, so its turn resumes this thread instead of starting a new one.
  delivery.bindThread(created.id, threadId, { continued: true });
  delivery.queue(created.id, prompt);
  return delivery.summary(created.id);
}
