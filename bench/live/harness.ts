// What the live-thread benches share: the test rig with the real Codex daemon (in the rig's CODEX_HOME, removed on
// close), our real server in this process, and a second daemon client that plays the terminal and starts threads.
import { AppServerClient } from '../../src/codex/app-server/client.js';
import { textInput } from '../../src/codex/app-server/input.js';
import type { SessionId } from '../../src/shared/ids.js';
import { writeOrReply } from '../../test/fixtures/approval-script.js';
import { type BrowserRig, type ModelRig, type Rig, startRig } from '../../test/helpers/rig.js';
import { until } from '../../test/helpers/until.js';

/** Milliseconds on a clock this process and a page share (both add performance.now() to their time origin). */
export const now = () => performance.timeOrigin + performance.now();

export interface LiveBench<R extends Rig> {
  rig: R & ModelRig;
  terminal: AppServerClient;
  /** Starts a thread from the terminal, runs one turn, and resolves once our server shows it as an idle live session. */
  newThread(): Promise<{ threadId: string; sessionId: SessionId }>;
  /** Resolves once the session's live thread is idle and free to start a turn. */
  idle(sessionId: SessionId): Promise<void>;
  close(): Promise<void>;
}

export function startLiveBench(options: { browser: true }): Promise<LiveBench<Rig & BrowserRig>>;
export function startLiveBench(options?: { browser?: false }): Promise<LiveBench<Rig>>;
export async function startLiveBench(options: { browser?: boolean } = {}): Promise<LiveBench<Rig>> {
  const rig = (await startRig({ fakeModel: writeOrReply, daemon: true, browser: options.browser === true })) as Rig & ModelRig;
  const terminal = new AppServerClient({ codexHome: rig.codexHome, log: () => {} });
  const close = async () => {
    terminal.close();
    await rig.close();
  };
  try {
    const { live, delivery, store } = rig.server.ctx;
    await rig.until('the daemon connection', () => live.daemon().state === 'connected', 30_000);
    await terminal.start().whenConnected(20_000);
    const idle = async (sessionId: SessionId) => {
      await rig.until(
        'an idle live thread',
        () => delivery.summary(sessionId).live?.status === 'idle' && live.threadOf(sessionId)?.canStartTurn(),
        60_000,
      );
    };
    const turnCompleted = (threadId: string, start: () => Promise<unknown>) =>
      new Promise<void>((resolve, reject) => {
        const off = terminal.on('notification', (n) => {
          if (n.method !== 'turn/completed' || n.params.threadId !== threadId) return;
          off();
          resolve();
        });
        start().catch((error) => {
          off();
          reject(error);
        });
      });
    const newThread = async () => {
      const { thread } = await terminal.startThread({ cwd: rig.workDir, approvalPolicy: 'on-request', sandbox: 'read-only' });
      // The first turn writes the rollout our server needs before it can subscribe; a new thread is idle before it.
      await turnCompleted(thread.id, () => terminal.startTurn(thread.id, [textInput('hello from the terminal')]));
      // Polled: a session appearing is announced, but not every step of binding the thread to it.
      const session = await until(
        'the thread as a session on our server',
        () => store.sessions.list().find((s) => s.threadId === thread.id),
        60_000,
      );
      await idle(session.id);
      return { threadId: thread.id, sessionId: session.id };
    };
    return { rig, terminal, newThread, idle, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** "p50 … ms, p99 … ms, min, max" of a list of milliseconds (nearest-rank percentiles). */
export function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
  return `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, min ${at(0).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`;
}
