// Records real codex 0.169 rollouts (driven by the fake model) into test/fixtures/rollouts/. Run by hand:
// `node --import tsx test/rollout/record-fixtures.ts`. Not a test; everything it talks to is fake and local.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execArgs, makeCodexHome, runCodex } from '../fixtures/codex-env.js';
import { type ModelReply, type ModelRequest, startFakeModel } from '../fixtures/fake-model.js';
import { findRollout } from './find-rollout.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(HERE, '../fixtures/rollouts');
const SDK = resolve(HERE, '../../node_modules/@modelcontextprotocol/sdk/dist/esm');

type Script = (req: ModelRequest) => ModelReply;

const MCP_SERVER = `
import { McpServer } from '${SDK}/server/mcp.js';
import { StdioServerTransport } from '${SDK}/server/stdio.js';
import { z } from '${resolve(HERE, '../../node_modules/zod/index.js')}';
const server = new McpServer({ name: 'demo', version: '1.0.0' });
server.tool('echo', 'Echo text back', { text: z.string() }, async ({ text }) => ({ content: [{ type: 'text', text: 'echo: ' + text }] }));
await server.connect(new StdioServerTransport());
`;

async function record(name: string, turns: { prompt: string; script: Script }[], extraToml = '', extraArgs: string[] = []): Promise<void> {
  let current: Script = () => ({ steps: [{ type: 'message', text: 'idle' }] });
  const model = await startFakeModel((req) => current(req));
  const home = makeCodexHome({ baseUrl: model.baseUrl, extraToml });
  const cwd = mkdtempSync(join(tmpdir(), 'cpm-rec-work-'));
  let threadId: string | null = null;
  try {
    for (const turn of turns) {
      current = turn.script;
      const args = threadId
        ? [
            'exec',
            'resume',
            '--json',
            '--skip-git-repo-check',
            '--disable',
            'unbounded_connection_retries',
            '-c',
            'sandbox_mode="danger-full-access"',
            ...extraArgs,
            threadId,
            turn.prompt,
          ]
        : execArgs(turn.prompt, ['-s', 'danger-full-access', ...extraArgs]);
      const result = await runCodex(args, { codexHome: home, cwd, timeoutMs: 90_000 });
      threadId ??= result.events.find((e) => e.type === 'thread.started')?.thread_id ?? null;
      console.log(name, 'exit', result.code, result.events.map((e) => e.type + (e.item ? `:${e.item.type}` : '')).join(' '));
      if (result.stderr.trim()) console.log(result.stderr.slice(0, 800));
    }
    if (!threadId) throw new Error('no thread id');
    const source = findRollout(home, threadId);
    copyFileSync(source, join(OUT, `v0169-${name}.jsonl`));
    console.log('recorded', name, source.slice(home.length));
  } finally {
    await model.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Plays one reply per model request of the turn, in order, then a closing message. */
function turnScript(replies: ModelReply[], final = 'Done.'): Script {
  let next = 0;
  return () => replies[next++] ?? { steps: [{ type: 'message', text: final }], usage: { input: 900, cached: 600, output: 40 } };
}

const PATCH_ADD = '*** Begin Patch\n*** Add File: notes.md\n+# Notes\n+```js\n+const fence = "```";\n+```\n*** End Patch';
const PATCH_UPDATE = '*** Begin Patch\n*** Update File: notes.md\n@@\n-# Notes\n+# Notes (edited)\n*** End Patch';

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await record('commands', [
    {
      prompt: 'run two commands',
      script: turnScript([
        {
          steps: [
            { type: 'reasoning', summary: '**Planning** I will run echo, then a failing command.' },
            { type: 'function_call', name: 'exec_command', arguments: { cmd: 'echo hello-rollout', yield_time_ms: 5000 } },
          ],
          usage: { input: 1200, cached: 800, output: 300, reasoning: 120 },
        },
        {
          steps: [{ type: 'function_call', name: 'exec_command', arguments: { cmd: 'echo oops >&2; exit 3', yield_time_ms: 5000 } }],
          usage: { input: 1500, cached: 1200, output: 80, reasoning: 20 },
        },
        {
          steps: [{ type: 'message', text: 'Ran both. The second one failed with exit 3.' }],
          usage: { input: 1700, cached: 1500, output: 60 },
        },
      ]),
    },
    {
      prompt: 'now write notes.md',
      script: turnScript([
        {
          steps: [
            { type: 'message', text: 'Writing the file now.' },
            { type: 'custom_tool_call', name: 'apply_patch', input: PATCH_ADD },
          ],
          usage: { input: 2000, cached: 1600, output: 90 },
        },
        {
          steps: [{ type: 'custom_tool_call', name: 'apply_patch', input: PATCH_UPDATE }],
          usage: { input: 2100, cached: 2000, output: 50 },
        },
        { steps: [{ type: 'message', text: 'Created and edited notes.md.' }], usage: { input: 2200, cached: 2100, output: 30 } },
      ]),
    },
  ]);

  const mcpDir = mkdtempSync(join(tmpdir(), 'cpm-rec-mcp-'));
  const server = join(mcpDir, 'server.mjs');
  writeFileSync(server, MCP_SERVER);
  await record(
    'mcp-websearch',
    [
      {
        prompt: 'use the demo tool and search the web',
        script: turnScript([
          {
            steps: [{ type: 'function_call', name: 'echo', namespace: 'mcp__demo', arguments: { text: 'ping' } }],
            usage: { input: 500, output: 20 },
          },
          {
            steps: [
              { type: 'web_search', query: 'codex rollout format' },
              { type: 'message', text: 'MCP said pong-ish; searched the web.' },
            ],
            usage: { input: 700, cached: 400, output: 30 },
          },
        ]),
      },
    ],
    `[mcp_servers.demo]\ncommand = "node"\nargs = [${JSON.stringify(server)}]\ndefault_tools_approval_mode = "approve"\n`,
  );
  rmSync(mcpDir, { recursive: true, force: true });

  await record('failed', [
    { prompt: 'say hi', script: turnScript([{ steps: [{ type: 'message', text: 'Hi!' }], usage: { input: 300, output: 10 } }]) },
    { prompt: 'this one fails', script: () => ({ steps: [{ type: 'fail', message: 'mock failure' }] }) },
  ]);

  await record(
    'compaction',
    [
      {
        prompt: 'fill the context',
        script: turnScript([{ steps: [{ type: 'message', text: 'A long answer.' }], usage: { input: 9000, cached: 100, output: 500 } }]),
      },
      {
        prompt: 'keep going',
        // The first request of this turn is codex's own compaction prompt (context above the limit).
        script: turnScript([
          { steps: [{ type: 'message', text: 'Summary: we filled the context.' }], usage: { input: 400, output: 40 } },
          { steps: [{ type: 'message', text: 'Continuing after compaction.' }], usage: { input: 600, output: 20 } },
        ]),
      },
    ],
    '',
    ['-c', 'model_auto_compact_token_limit=5000'],
  );
}

await main();
