// The MCP server's side of the loop over HTTP: attach, conclude, and wait in slices with retries across server restarts.
// Must never consume or drop a prompt itself: the server hands a prompt out again until Codex confirms its receipt.
import { randomUUID } from 'node:crypto';
import { ApiClient, ApiError, ServerUnavailable } from '../client/api-client.js';
import { api } from '../shared/api.js';
import { storageFaultCodeSchema } from '../shared/errors.js';
import type { ThreadId } from '../shared/ids.js';
import type { SessionSummary, WaitResult } from '../shared/schemas.js';

export interface LoopTiming {
  /** Longest a single tool call may wait before answering "no_instruction_yet" (must stay below Codex's tool_timeout_sec). */
  boundMs: number;
  /** Longest single HTTP long poll; shorter slices notice dead connections sooner. */
  sliceMs: number;
  /** How long start_session keeps retrying an unreachable server before giving up. */
  attachRetryMs: number;
}

const DEFAULT_BOUND_SECONDS = 1500;

/** Timing from the environment: CODEX_PRO_MAX_WAIT_SECONDS (default 1500, below setup's tool_timeout_sec 1800). */
export function loopTimingFrom(env: NodeJS.ProcessEnv = process.env): LoopTiming {
  const raw = Number(env.CODEX_PRO_MAX_WAIT_SECONDS);
  const boundMs = (Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_BOUND_SECONDS) * 1000;
  return { boundMs, sliceMs: Math.min(boundMs, 4 * 60_000), attachRetryMs: Math.min(boundMs, 10_000) };
}

/** Still unreachable (or failing) after retrying until the deadline. */
export class LoopUnavailable extends Error {
  constructor(
    message: string,
    readonly lastError: Error,
  ) {
    super(message);
    this.name = 'LoopUnavailable';
  }
}

/** The server is up but cannot save (database gone or read-only, disk full): only the person can fix that. */
export class LoopRefused extends Error {
  constructor(readonly serverError: ApiError) {
    super(
      `Codex Pro Max cannot save anything right now, so this did not reach the person: ${serverError.message} ` +
        'Tell the person exactly this in your answer; calling again fails the same way until they fix it.',
    );
    this.name = 'LoopRefused';
  }
}

function isStorageFault(error: unknown): error is ApiError {
  return error instanceof ApiError && storageFaultCodeSchema.safeParse(error.code).success;
}

function retryable(error: unknown): boolean {
  if (error instanceof ServerUnavailable) return true;
  // A restarting server may briefly refuse the token (its file being rewritten); a bug may pass with the next build.
  if (error instanceof ApiError) return error.is('unauthorized', 'rate_limited', 'unavailable', 'internal_error');
  return false;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export class LoopClient {
  private readonly client: ApiClient;
  /** Every thread this process spoke for, so its last word (reportGone) reaches each of their sessions. */
  private readonly threads = new Set<ThreadId>();

  constructor(
    dataRoot: string,
    readonly timing: LoopTiming,
  ) {
    this.client = new ApiClient(dataRoot);
  }

  /** Runs `call` until it succeeds, fails for good, or `deadline` passes; backs off 0.25 s → 5 s between tries. */
  private async retrying<T>(deadline: number, signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    let delay = 250;
    for (;;) {
      try {
        return await call();
      } catch (error) {
        // Not retried: doing so for the whole bound would only hide a full disk or a deleted database from the person.
        if (isStorageFault(error)) throw new LoopRefused(error);
        if (signal?.aborted || !retryable(error)) throw error;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new LoopUnavailable(
            `${(error as Error).message} (kept retrying for ${Math.round(this.timing.boundMs / 1000)} s)`,
            error as Error,
          );
        }
        await sleep(Math.min(delay, left), signal);
        if (signal?.aborted) throw error;
        delay = Math.min(delay * 2, 5_000);
      }
    }
  }

  async attach(threadId: ThreadId, title: string | undefined, signal?: AbortSignal): Promise<SessionSummary> {
    this.threads.add(threadId);
    const deadline = Date.now() + this.timing.attachRetryMs;
    const call = { params: { threadId }, body: title ? { title } : {}, signal };
    const res = await this.retrying(deadline, signal, () => this.client.call(api.attachByThread, call));
    return res.session;
  }

  /** Stores a conclusion. Every retry carries the same request id, so one whose answer was lost is not stored twice. */
  async conclude(threadId: ThreadId, content: string, signal?: AbortSignal): Promise<void> {
    this.threads.add(threadId);
    const deadline = Date.now() + this.timing.boundMs;
    const call = { params: { threadId }, body: { content, requestId: randomUUID() }, signal };
    await this.retrying(deadline, signal, () => this.client.call(api.conclude, call));
  }

  /**
   * Tells the server this process's Codex ended, once per thread it spoke for: one try each, bounded by `timeoutMs`,
   * errors ignored (a server that is down learns it from the dropped wait instead).
   */
  async reportGone(reason: string, timeoutMs = 2_000): Promise<void> {
    const signal = AbortSignal.timeout(timeoutMs);
    await Promise.allSettled(
      [...this.threads].map((threadId) => this.client.call(api.codexGone, { params: { threadId }, body: { reason }, signal })),
    );
  }

  /**
   * Waits for the next prompt until the bound: "instruction" or "stopped" as soon as the server says so,
   * "no_instruction_yet" when the bound passes (also while the server is down, so Codex can call again).
   */
  async waitForInstruction(
    threadId: ThreadId,
    signal?: AbortSignal,
    boundMs = this.timing.boundMs,
  ): Promise<WaitResult | { unreachable: string }> {
    this.threads.add(threadId);
    const deadline = Date.now() + boundMs;
    for (;;) {
      const left = deadline - Date.now();
      const timeoutMs = Math.max(1, Math.min(this.timing.sliceMs, left));
      let result: WaitResult;
      try {
        result = await this.retrying(deadline, signal, () =>
          this.client.call(api.wait, { params: { threadId }, body: { timeoutMs }, signal }),
        );
      } catch (error) {
        if (error instanceof LoopUnavailable) return { unreachable: error.message };
        throw error;
      }
      if (result.status !== 'no_instruction_yet' || deadline - Date.now() <= 250 || signal?.aborted) return result;
    }
  }
}
