// `codex-pro-max uninstall`: removes exactly what setup added (config block, skill folder); keeps the data folder.
import { IntegrationRefused, removeIntegration } from '../../codex/integration.js';
import { type CliCommand, readFlags } from '../command.js';
import { integrationOptionsFrom } from './integration-cli.js';

export const uninstallCommand: CliCommand = {
  name: 'uninstall',
  summary: 'Disconnect Codex from Codex Pro Max (undoes setup; keeps your sessions).',
  help: `Usage: codex-pro-max uninstall [--codex-home DIR]

Removes the block that "codex-pro-max setup" added to <Codex home>/config.toml and the
<Codex home>/skills/codex-pro-max/ folder. The rest of config.toml is left exactly as it is (a backup
copy is saved next to it). Your Codex Pro Max data (sessions, attachments) is kept.
Restart Codex afterwards.

Options:
  --codex-home DIR   Codex's folder (default: $CODEX_HOME, else ~/.codex)
`,
  async run(args) {
    const { flags } = readFlags(args, { string: ['codex-home'] });
    try {
      const report = removeIntegration(integrationOptionsFrom(flags));
      for (const line of report.messages) process.stdout.write(`${line}\n`);
      if (report.changed) process.stdout.write('Restart Codex so it forgets the skill and MCP server.\n');
      return 0;
    } catch (error) {
      if (!(error instanceof IntegrationRefused)) throw error;
      process.stderr.write(`Uninstall did not change config.toml.\nProblem: ${error.problem}\nFix: ${error.fix}\n`);
      return 1;
    }
  },
};
