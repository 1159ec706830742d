// The typed thread and turn requests of the app-server client, one line each; client.ts supplies the transport.
import type { UserInput } from './input.js';
import type { ThreadItemsListParams } from './protocol/v2/ThreadItemsListParams.js';
import type { ThreadLoadedListParams } from './protocol/v2/ThreadLoadedListParams.js';
import type { ThreadResumeParams } from './protocol/v2/ThreadResumeParams.js';
import type { ThreadStartParams } from './protocol/v2/ThreadStartParams.js';
import type { ThreadTurnsListParams } from './protocol/v2/ThreadTurnsListParams.js';
import type { TurnStartParams } from './protocol/v2/TurnStartParams.js';
import type { ResponseTypes, TypedMethod } from './responses.js';

export interface RequestOptions {
  /** Defaults to the client's requestTimeoutMs (30 s). */
  timeoutMs?: number;
}

export abstract class ThreadCalls {
  protected abstract call<M extends TypedMethod>(method: M, params: unknown, opts?: RequestOptions): Promise<ResponseTypes[M]>;

  /** Called with the id of every thread this connection started (and so is subscribed to). */
  protected abstract threadStarted(threadId: string): void;

  /** Ids of the threads the daemon has loaded (one page; pass `cursor` for the next). */
  listLoaded(params: ThreadLoadedListParams = {}, opts?: RequestOptions) {
    return this.call('thread/loaded/list', params, opts);
  }

  /** A thread's metadata (cwd, preview, status, name, …); `includeTurns` hydrates history, which Codex deprecates. */
  readThread(threadId: string, opts?: RequestOptions & { includeTurns?: boolean }) {
    return this.call('thread/read', opts?.includeTurns ? { threadId, includeTurns: true } : { threadId }, opts);
  }

  /** A page of turns (newest first unless `sortDirection: 'asc'`); `itemsView` picks how much of each turn comes along. */
  listTurns(params: ThreadTurnsListParams, opts?: RequestOptions) {
    return this.call('thread/turns/list', params, opts);
  }

  /** A page of items, across the thread or for one `turnId` (oldest first unless `sortDirection: 'desc'`). */
  listItems(params: ThreadItemsListParams, opts?: RequestOptions) {
    return this.call('thread/items/list', params, opts);
  }

  /** Starts a thread in the daemon (no turn yet: the rollout is written with the first one). */
  async startThread(params: ThreadStartParams, opts?: RequestOptions) {
    const response = await this.call('thread/start', params, opts);
    this.threadStarted(response.thread.id);
    return response;
  }

  /** thread/resume as is; watch() is the usual way in, since it keeps the subscription across reconnects. */
  resumeThread(params: ThreadResumeParams, opts?: RequestOptions) {
    return this.call('thread/resume', params, opts);
  }

  /**
   * Starts a turn on an idle thread. On a thread with a turn running, the daemon folds the input into that turn and
   * answers with its id (no new turn/started), like a steer.
   */
  startTurn(threadId: string, input: UserInput[], overrides: Omit<TurnStartParams, 'threadId' | 'input'> = {}, opts?: RequestOptions) {
    return this.call('turn/start', { ...overrides, threadId, input }, opts);
  }

  /** Adds input to the running turn; fails unless `expectedTurnId` is the thread's active turn. */
  steer(threadId: string, expectedTurnId: string, input: UserInput[], opts?: RequestOptions) {
    return this.call('turn/steer', { threadId, expectedTurnId, input }, opts);
  }

  interrupt(threadId: string, turnId: string, opts?: RequestOptions) {
    return this.call('turn/interrupt', { threadId, turnId }, opts);
  }
}
