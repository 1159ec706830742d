// Records a real MCP-loop rollout (codex 0.171 in the workspace-write sandbox, driven by the fake model through the
// codex_pro_max tools) into test/fixtures/rollouts/v0171-mcp-loop.jsonl, with the timeline our server stored for it
// beside it (.timeline.json). Run by hand: `node --import tsx test/rollout/record-loop-fixture.ts`. Not a test.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lastCall, mcpResult, startLoopRig } from '../e2e/loop-support.js';
import { execArgs, NEWEST_CODEX, spawnCodex } from '../fixtures/codex-env.js';
import type { ModelReply, ModelRequest } from '../fixtures/fake-model.js';
import { findRollout } from './find-rollout.js';

const OUT = resolve(import.meta.dirname, '../fixtures/rollouts');
const NS = 'mcp__codex_pro_max';
const call = (name: string, args: unknown): ModelReply => ({
  steps: [{ type: 'function_call', namespace: NS, name, arguments: args }],
  usage: { input: 1000, cached: 500, output: 40 },
});
const exec = (cmd: string): ModelReply => ({
  steps: [{ type: 'function_call', name: 'exec_command', arguments: { cmd, yield_time_ms: 5000 } }],
  usage: { input: 1100, cached: 600, output: 30 },
});
const patch = (body: string): ModelReply => ({
  steps: [{ type: 'custom_tool_call', name: 'apply_patch', input: `*** Begin Patch\n${body}\n*** End Patch` }],
  usage: { input: 1200, cached: 700, output: 60 },
});

let stage = 0;
function play(req: ModelRequest): ModelReply {
  const last = lastCall(req);
  if (!last) return call('start_session', { title: 'Loop fixture' });
  const result = mcpResult(req.lastToolOutput());
  if (result?.status === 'no_instruction_yet') return call('wait_for_instruction', {});
  if (result?.status === 'stopped') return { steps: [{ type: 'message', text: 'Stopped; final answer.' }] };
  stage++;
  switch (stage) {
    case 1:
      return exec('echo probe-one');
    case 2:
      return patch('*** Add File: notes.md\n+# Notes\n+first line');
    case 3:
      return call('submit_conclusion', { conclusion: 'Wrote notes.md after checking with echo.' });
    case 4:
      return exec('echo step-a; exit 2');
    case 5:
      return patch('*** Update File: notes.md\n@@\n # Notes\n-first line\n+first line, edited');
    case 6:
      return call('submit_conclusion', { conclusion: 'Done: edited notes.md (the check exited 2).' });
    default:
      return call('wait_for_instruction', {});
  }
}

const rig = await startLoopRig(play);
try {
  const codex = spawnCodex(execArgs('Start a Codex Pro Max session and write notes.md.', ['-s', 'workspace-write']), {
    codexHome: rig.codexHome,
    cwd: rig.workDir,
    version: NEWEST_CODEX,
    timeoutMs: 120_000,
  });
  const { store, delivery } = rig.server.ctx;
  const session = await rig.until('the session', () => store.sessions.list()[0], 60_000);
  await rig.until('conclusion 1', () => delivery.summary(session.id).latestConclusion?.startsWith('Wrote'), 60_000);
  await rig.call('POST', `/api/sessions/${session.id}/prompts`, { content: 'Prompt A: edit the first line' });
  await rig.until(
    'conclusion 2 and a waiter',
    () => delivery.summary(session.id).latestConclusion?.startsWith('Done') && delivery.waiterCount(session.id) > 0,
    60_000,
  );
  await rig.call('POST', `/api/sessions/${session.id}/stop`);
  const result = await codex.done;
  console.log('codex exit', result.code, result.stderr.slice(0, 400));
  const [, detail] = await rig.call('GET', `/api/sessions/${session.id}`);
  copyFileSync(findRollout(rig.codexHome), join(OUT, 'v0171-mcp-loop.jsonl'));
  const timeline = detail.session.timeline.map((e: { role: string; content: string; createdAt: string }) => ({
    role: e.role,
    content: e.content,
    createdAt: e.createdAt,
  }));
  writeFileSync(join(OUT, 'v0171-mcp-loop.timeline.json'), `${JSON.stringify(timeline, null, 2)}\n`);
  console.log('recorded', timeline.length, 'timeline entries');
} finally {
  await rig.close();
}
