// Dispatches `codex-pro-max <command>`; every command answers --help.
import type { CliCommand } from './command.js';
import { UsageError } from './command.js';
import { doctorCommand } from './commands/doctor.js';
import { mcpCommand } from './commands/mcp.js';
import { openCommand } from './commands/open.js';
import { setupCommand } from './commands/setup.js';
import { startCommand } from './commands/start.js';
import { uninstallCommand } from './commands/uninstall.js';

const COMMANDS: CliCommand[] = [startCommand, openCommand, setupCommand, uninstallCommand, doctorCommand, mcpCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Codex Pro Max: keep one Codex conversation going from your browser.',
    '',
    'Usage: codex-pro-max <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "codex-pro-max <command> --help" for the options of one command.',
  ].join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${overview()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${overview()}\n`);
    return 2;
  }
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
