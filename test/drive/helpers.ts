// Drive-mode test rig: a fake model, a throwaway CODEX_HOME pointing at it, the real codex binary and a real server.
// Waits on pushes and conditions with deadlines, never on sleeps.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../../src/server/start.js';
import type { PushEnvelope } from '../../src/shared/push.js';
import { type CodexVersion, codexBin, codexEnv, makeCodexHome, OLDEST_CODEX } from '../fixtures/codex-env.js';
import { type FakeModel, type ModelReply, type ModelRequest, startFakeModel } from '../fixtures/fake-model.js';
import { apiCaller } from '../helpers/test-server.js';

export interface DriveRig {
  server: RunningServer;
  model: FakeModel;
  codexHome: string;
  workDir: string;
  pushes: PushEnvelope[];
  call<T = any>(method: string, path: string, json?: unknown): Promise<[number, T]>;
  /** Resolves when `check` holds (checked after every push), or fails after `timeoutMs`. */
  until(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startDriveRig(
  respond: (req: ModelRequest) => ModelReply | Promise<ModelReply>,
  opts: { env?: Record<string, string>; codexVersion?: CodexVersion } = {},
): Promise<DriveRig> {
  const model = await startFakeModel(respond);
  const codexHome = makeCodexHome({ baseUrl: model.baseUrl });
  const dataRoot = mkdtempSync(join(tmpdir(), 'cpm-drive-data-'));
  const workDir = mkdtempSync(join(tmpdir(), 'cpm-drive-work-'));
  // A wrong CODEX_HOME in the environment: drive mode must replace it with the server's setting (issue #5 point 6).
  const driveEnv = codexEnv(codexHome, {
    CODEX_PRO_MAX_CODEX_BIN: codexBin(opts.codexVersion ?? OLDEST_CODEX),
    CODEX_HOME: join(tmpdir(), 'cpm-not-the-codex-home'),
    ...opts.env,
  });
  const server = await startServer({ dataRoot, codexHome, host: '127.0.0.1', apiPort: 0, uiPort: 0 }, { webRoot: null, driveEnv });
  const pushes: PushEnvelope[] = [];
  const waiters = new Set<() => void>();
  server.ctx.push.subscribe((m) => {
    pushes.push(m);
    // Checked after the publishing code finished its synchronous work (e.g. a waiter registers right after its push).
    setImmediate(() => {
      for (const w of [...waiters]) w();
    });
  });
  const rig: DriveRig = {
    server,
    model,
    codexHome,
    workDir,
    pushes,
    call: apiCaller(server.apiUrl, server.token),
    until(what, check, timeoutMs = 45_000) {
      if (check()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(test);
          reject(new Error(`timed out waiting for ${what}`));
        }, timeoutMs);
        const test = () => {
          if (!check()) return;
          clearTimeout(timer);
          waiters.delete(test);
          resolve();
        };
        waiters.add(test);
      });
    },
    idle: () => server.ctx.drive.whenIdle(),
    async close() {
      await server.close();
      await model.close();
      for (const dir of [dataRoot, workDir, codexHome]) rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Rollout files under CODEX_HOME/sessions, as paths relative to it. */
export function rolloutFiles(codexHome: string): string[] {
  try {
    return (readdirSync(join(codexHome, 'sessions'), { recursive: true }) as string[]).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
}

/** A controllable promise: the fake model awaits it to keep a turn running while the test acts. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Events of a snapshot's turn as short labels, e.g. "completed:command_execution". */
export function labels(events: any[]): string[] {
  return events.map((e) => (e.kind === 'item' ? `${e.phase}:${e.item.type}` : e.kind));
}
