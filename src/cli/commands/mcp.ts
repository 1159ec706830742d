// `codex-pro-max mcp`: the stdio MCP server Codex starts (registered by `codex-pro-max setup`). Not for people to run by hand.
// stdout belongs to the MCP protocol: everything human-readable goes to stderr.
import { readFileSync } from 'node:fs';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { watchCodexExit } from '../../mcp/codex-exit.js';
import { LoopClient, loopTimingFrom } from '../../mcp/loop-client.js';
import { createMcpServer } from '../../mcp/server.js';
import { dataRootFrom } from '../../settings.js';
import { type CliCommand, readFlags } from '../command.js';

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export const mcpCommand: CliCommand = {
  name: 'mcp',
  summary: 'Run the MCP server that Codex uses to talk to Codex Pro Max (started by Codex itself).',
  help: `Usage: codex-pro-max mcp

Speaks the Model Context Protocol on stdin/stdout. Codex starts it by itself once
"codex-pro-max setup" has registered it in Codex's config.toml; you do not run it by hand.

It offers Codex three tools: start_session, submit_conclusion and wait_for_instruction.

Settings (environment):
  CODEX_PRO_MAX_ROOT           data folder of the Codex Pro Max server (default ~/.codex-pro-max)
  CODEX_PRO_MAX_WAIT_SECONDS   longest one tool call waits for a prompt before answering
                               "no prompt yet" (default 1500; keep it below tool_timeout_sec)
`,
  async run(args) {
    readFlags(args, {});
    if (process.stdin.isTTY) {
      process.stderr.write('This is the MCP server that Codex starts by itself; you do not need to run it. Press Ctrl+C to quit.\n');
    }
    const dataRoot = dataRootFrom(process.env);
    const loop = new LoopClient(dataRoot, loopTimingFrom(process.env));
    const server = createMcpServer({ dataRoot, timing: loop.timing, version: version(), loop });
    const transport = new StdioServerTransport();
    const codexExit = watchCodexExit();
    const closed = new Promise<string>((resolve) => {
      transport.onclose = () => resolve('transport_closed');
      void codexExit.ended.then(resolve);
    });
    await server.connect(transport);
    const reason = await closed;
    codexExit.stop();
    // The session shows its Codex gone at once, instead of after the dropped wait's grace period.
    await loop.reportGone(reason);
    await server.close().catch(() => {});
    // A long poll still open would keep this process alive after its Codex: an orphan nobody would end.
    setTimeout(() => process.exit(0), 500).unref();
    return 0;
  },
};
