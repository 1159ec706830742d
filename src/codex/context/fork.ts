// A fork of a Codex thread inside the daemon (`thread/fork`): a new thread that starts with the source's history
// exactly as Codex keeps it, so its next turn sees every earlier turn. The source thread is not changed.
import { z } from 'zod';
import type { DriveSandbox } from '../../shared/drive.js';
import type { AppServerClient } from '../app-server/client.js';
import type { DaemonEngine } from '../engine/daemon-engine.js';
import type { ApprovalPolicy } from '../engine/engine.js';

export interface ForkRequest {
  threadId: string;
  cwd: string;
  sandbox: DriveSandbox;
  approvalPolicy: ApprovalPolicy;
  model: string | null;
}

const forkAnswerSchema = z.object({ thread: z.object({ id: z.string().min(1) }) });

/**
 * Forks the thread; `bind` gets the new thread's id before live threads may take it in (see DaemonEngine.holdNewThread),
 * so it joins the caller's session instead of becoming a stranger's. Resolves with what `bind` returned.
 */
export async function forkThread<T>(
  client: AppServerClient,
  daemon: DaemonEngine,
  req: ForkRequest,
  bind: (threadId: string) => T,
): Promise<T> {
  const params = {
    threadId: req.threadId,
    cwd: req.cwd,
    sandbox: req.sandbox,
    approvalPolicy: req.approvalPolicy,
    // The new thread's turns are paged from its rollout; hydrating them here is deprecated and not needed.
    excludeTurns: true,
    ...(req.model ? { model: req.model } : {}),
  };
  return daemon.holdNewThread(client.request('thread/fork', params).then((answer) => bind(forkAnswerSchema.parse(answer).thread.id)));
}
