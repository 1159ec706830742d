// Records a real drive-style rollout (codex exec, read-only sandbox) where the sandbox blocks a command and a patch, into
// test/fixtures/rollouts/v0169-readonly-blocked.jsonl. codex exec --json reports neither as an item; only the rollout
// has them. Run by hand: `node --import tsx test/rollout/record-readonly-fixture.ts`. Not a test.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execArgs, makeCodexHome, runCodex } from '../fixtures/codex-env.js';
import { startFakeModel } from '../fixtures/fake-model.js';

const OUT = resolve(import.meta.dirname, '../fixtures/rollouts/v0169-readonly-blocked.jsonl');
let n = 0;
const model = await startFakeModel(() => {
  n++;
  if (n === 1)
    return {
      steps: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'touch blocked.txt && echo made', yield_time_ms: 5000 } }],
    };
  if (n === 2)
    return { steps: [{ type: 'custom_tool_call', name: 'apply_patch', input: '*** Begin Patch\n*** Add File: x.md\n+hi\n*** End Patch' }] };
  return { steps: [{ type: 'message', text: 'The sandbox is read-only, so nothing was written.' }] };
});
const home = makeCodexHome({ baseUrl: model.baseUrl });
const cwd = mkdtempSync(join(tmpdir(), 'cpm-rec-ro-'));
try {
  const result = await runCodex(execArgs('make a file', ['-s', 'read-only']), { codexHome: home, cwd });
  console.log('exit', result.code, result.events.map((e) => e.type + (e.item ? `:${e.item.type}` : '')).join(' '));
  const file = (readdirSync(join(home, 'sessions'), { recursive: true }) as string[]).find((f) => f.endsWith('.jsonl'));
  if (!file) throw new Error('no rollout');
  copyFileSync(join(home, 'sessions', file), OUT);
} finally {
  await model.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(cwd, { recursive: true, force: true });
}
