// A real server that serves the built UI and drives the real codex binary against a fake model, for UI tests of
// drive mode and the rollout panels. Like test/drive/helpers.ts, but with a web root and a browser sign-in URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { CODEX_BIN, codexEnv, makeCodexHome } from '../fixtures/codex-env.js';
import { type FakeModel, type ModelReply, type ModelRequest, startFakeModel } from '../fixtures/fake-model.js';
import { apiCaller } from '../helpers/test-server.js';

export interface UiRig {
  server: RunningServer;
  model: FakeModel;
  /** The server's CODEX_HOME (config points codex at the fake model); rollouts live under its sessions/ folder. */
  codexHome: string;
  workDir: string;
  call<T = any>(method: string, path: string, json?: unknown): Promise<[number, T]>;
  close(): Promise<void>;
}

export async function startUiRig(respond: (req: ModelRequest) => ModelReply | Promise<ModelReply>, webRoot: string): Promise<UiRig> {
  const model = await startFakeModel(respond);
  const codexHome = makeCodexHome({ baseUrl: model.baseUrl });
  const dataRoot = mkdtempSync(join(tmpdir(), 'cpm-ui-data-'));
  const workDir = mkdtempSync(join(tmpdir(), 'cpm-ui-work-'));
  const driveEnv = codexEnv(codexHome, { CODEX_PRO_MAX_CODEX_BIN: CODEX_BIN });
  const server = await startServer({ dataRoot, codexHome, host: '127.0.0.1', apiPort: 0, uiPort: 0 }, { webRoot, driveEnv });
  return {
    server,
    model,
    codexHome,
    workDir,
    call: apiCaller(server.apiUrl, server.token),
    async close() {
      await server.ctx.drive.whenIdle().catch(() => undefined);
      await server.close();
      await model.close();
      for (const dir of [dataRoot, workDir, codexHome]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when the newest user message has no tool output after it yet: the model's first request of a turn. */
export function firstRequestOfTurn(req: ModelRequest): boolean {
  let lastUser = -1;
  let lastOutput = -1;
  req.input.forEach((item, i) => {
    if (item?.type === 'message' && item.role === 'user') lastUser = i;
    if (item?.type === 'function_call_output' || item?.type === 'custom_tool_call_output') lastOutput = i;
  });
  return lastOutput < lastUser;
}
