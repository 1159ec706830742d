// `codex-pro-max setup`: installs the skill and registers the MCP server in Codex's config.toml (idempotent).
// Changes only the skill folder and one marked block in config.toml; refuses rather than guess.

import { IntegrationRefused, installIntegration } from '../../codex/integration.js';
import { inspectIntegration } from '../../codex/integration-check.js';
import { type CliCommand, readFlags } from '../command.js';
import { integrationOptionsFrom, printFindings } from './integration-cli.js';

export const setupCommand: CliCommand = {
  name: 'setup',
  summary: 'Connect Codex to Codex Pro Max (installs a skill and an MCP server entry).',
  help: `Usage: codex-pro-max setup [--codex-home DIR] [--force]

Makes Codex able to hand its conclusions to Codex Pro Max and wait for your next prompt:
  - copies the codex-pro-max skill into <Codex home>/skills/codex-pro-max/
  - adds one clearly marked block to <Codex home>/config.toml with a [[skills.config]] entry and
    the [mcp_servers.codex_pro_max] MCP server (its tools run without approval prompts)
Everything else in config.toml is left exactly as it is, and a backup copy is saved next to it.
Running setup again changes nothing (or refreshes the block if Codex Pro Max moved).
Restart Codex afterwards. "codex-pro-max uninstall" undoes all of it.

Options:
  --codex-home DIR   Codex's folder (default: $CODEX_HOME, else ~/.codex)
  --force            replace an existing skills/codex-pro-max folder that setup did not create

Settings (environment), written into the MCP server entry when set:
  CODEX_PRO_MAX_ROOT           the data folder the server uses (default ~/.codex-pro-max)
  CODEX_PRO_MAX_WAIT_SECONDS   how long one tool call waits for your next prompt (default 1500)
`,
  async run(args) {
    const { flags } = readFlags(args, { boolean: ['force'], string: ['codex-home'] });
    const opts = integrationOptionsFrom(flags);
    try {
      const report = installIntegration(opts, { force: flags.force === true });
      for (const line of report.messages) process.stdout.write(`${line}\n`);
    } catch (error) {
      if (!(error instanceof IntegrationRefused)) throw error;
      process.stderr.write(`Setup did not change anything.\nProblem: ${error.problem}\nFix: ${error.fix}\n`);
      return 1;
    }
    const { findings } = await inspectIntegration(opts);
    const problems = findings.filter((f) => !f.ok);
    if (problems.length) {
      process.stdout.write('\nSetup is done, but these still need attention:\n');
      printFindings(problems);
    }
    process.stdout.write(
      '\nRestart Codex so it loads the new skill and MCP server. Then start Codex Pro Max with "npm start" in the Codex Pro Max folder.\n',
    );
    return 0;
  },
};
