// The loop end-to-end tests' rig: the shared rig with a fake model, `codex-pro-max setup` run by the compiled CLI into
// its CODEX_HOME, and small readers for what the real codex sends back. Test-only.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { stopCodexProcesses } from '../fixtures/codex-env.js';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';

export const PROJECT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
export const BIN = join(PROJECT, 'bin', 'codex-pro-max.js');

export type LoopRig = Rig & ModelRig;

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
  const rig = await startRig({ fakeModel: respond });
  try {
    const setup = await runBin(['setup'], { CODEX_HOME: rig.codexHome, CODEX_PRO_MAX_ROOT: rig.dataRoot, ...setupEnv });
    if (setup.code !== 0) throw new Error(`setup failed (${setup.code}): ${setup.stderr}${setup.stdout}`);
  } catch (error) {
    await rig.close();
    throw error;
  }
  return {
    ...rig,
    async close() {
      // A codex that a failed test never waited for would outlive the server it talks to.
      stopCodexProcesses();
      await rig.close();
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
