// Dispatches `codex-pro-max <command>`; every command answers --help.
import type { CliCommand } from './command.js';
import { UsageError } from './command.js';

// Loaded on demand: Codex waits for `mcp` to start before its first turn, and loading every command (the server
// with Fastify and SQLite included) made that wait about a third longer (npm run bench:mcp).
const LOADERS: Record<string, () => Promise<CliCommand>> = {
  start: async () => (await import('./commands/start.js')).startCommand,
  open: async () => (await import('./commands/open.js')).openCommand,
  pair: async () => (await import('./commands/pair.js')).pairCommand,
  setup: async () => (await import('./commands/setup.js')).setupCommand,
  uninstall: async () => (await import('./commands/uninstall.js')).uninstallCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  mcp: async () => (await import('./commands/mcp.js')).mcpCommand,
};

async function overview(): Promise<string> {
  const commands = await Promise.all(Object.values(LOADERS).map((load) => load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Codex Pro Max: keep one Codex conversation going from your browser.',
    '',
    'Usage: codex-pro-max <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "codex-pro-max <command> --help" for the options of one command.',
  ].join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${await overview()}\n`);
    return 0;
  }
  const load = Object.hasOwn(LOADERS, name) ? LOADERS[name] : undefined;
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n\n${await overview()}\n`);
    return 2;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.help.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${command.help.trimEnd()}\n`);
      return 2;
    }
    process.stderr.write(`codex-pro-max ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
