// Shared rig for the loop end-to-end tests: a real server, a CODEX_HOME set up by the compiled CLI, the fake model,
// and small readers for what the real codex sends back. Test-only.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeCodexHome, stopCodexProcesses } from '../fixtures/codex-env.js';
import { type FakeModel, type ModelReply, type ModelRequest, startFakeModel } from '../fixtures/fake-model.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

export const PROJECT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
export const BIN = join(PROJECT, 'bin', 'codex-pro-max.js');

export interface LoopRig {
  model: FakeModel;
  server: TestServer;
  codexHome: string;
  dataRoot: string;
  work: string;
  close(): Promise<void>;
}

/** Runs the compiled CLI (what a person runs), returning its exit code and output. */
export function runBin(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Fake model + real server sharing one CODEX_HOME, with `codex-pro-max setup` already run into it. */
export async function startLoopRig(
  respond: (req: ModelRequest) => ModelReply | Promise<ModelReply>,
  setupEnv: Record<string, string> = {},
): Promise<LoopRig> {
  const model = await startFakeModel(respond);
  const codexHome = makeCodexHome({ baseUrl: model.baseUrl });
  const dataRoot = mkdtempSync(join(tmpdir(), 'cpm-loop-data-'));
  const work = mkdtempSync(join(tmpdir(), 'cpm-loop-work-'));
  const server = await startTestServer({ codexHome, dataRoot });
  const setup = await runBin(['setup'], { CODEX_HOME: codexHome, CODEX_PRO_MAX_ROOT: dataRoot, ...setupEnv });
  if (setup.code !== 0) throw new Error(`setup failed (${setup.code}): ${setup.stderr}${setup.stdout}`);
  return {
    model,
    server,
    codexHome,
    dataRoot,
    work,
    async close() {
      stopCodexProcesses();
      await server.close();
      await model.close();
      for (const dir of [codexHome, dataRoot, work]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The newest function call the model made (found in the request's input), if any. */
export function lastCall(req: ModelRequest): { name: string; namespace?: string; args: any } | undefined {
  const call = [...req.input].reverse().find((i) => i?.type === 'function_call');
  if (!call) return undefined;
  let args: any = {};
  try {
    args = JSON.parse(call.arguments);
  } catch {
    // leave empty
  }
  return { name: call.name, namespace: call.namespace, args };
}

/** Codex 0.169 and 0.171 hand an MCP result to the model as "Wall time: …\nOutput:\n<structuredContent JSON>". */
export function mcpResult(output: string | undefined): any {
  if (!output) return undefined;
  const at = output.indexOf('Output:\n');
  const json = at >= 0 ? output.slice(at + 'Output:\n'.length) : output;
  try {
    return JSON.parse(json);
  } catch {
    return { raw: output };
  }
}

/** A promise with its resolver, for holding a model reply until the test has done something. */
export function gate(): { open(): void; wait: Promise<void> } {
  let open = () => {};
  const wait = new Promise<void>((r) => {
    open = r;
  });
  return { open, wait };
}
