// `codex-pro-max start`: runs the server in the foreground until Ctrl+C.

import { isLoopbackHost } from '../../server/security.js';
import { startServer } from '../../server/start.js';
import { settingsFrom } from '../../settings.js';
import { type CliCommand, readFlags } from '../command.js';
import { openInBrowser } from '../open-browser.js';

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Start the Codex Pro Max server (UI and API) in this terminal.',
  help: `Usage: codex-pro-max start [--open] [--host ADDRESS --allow-remote]

Starts the server and prints a one-time sign-in link for your browser.
Keep the terminal open while you use Codex Pro Max; Ctrl+C stops it.

Options:
  --open            Also open the sign-in link in your browser.
  --host ADDRESS    Listen on ADDRESS instead of 127.0.0.1 (same as CODEX_PRO_MAX_HOST).
  --allow-remote    Required with a non-loopback --host. Anyone who can reach that
                    address and has the token can drive Codex on this machine.

Settings (environment):
  CODEX_PRO_MAX_ROOT      data folder (default ~/.codex-pro-max)
  CODEX_HOME              Codex's folder (default ~/.codex)
  CODEX_PRO_MAX_API_PORT  API port (default 53127; 0 picks a free port)
  CODEX_PRO_MAX_UI_PORT   UI port (default 53128; 0 picks a free port)
`,
  async run(args) {
    const { flags } = readFlags(args, { boolean: ['open', 'allow-remote'], string: ['host'] });
    const settings = settingsFrom(process.env);
    if (typeof flags.host === 'string') settings.host = flags.host;
    if (!isLoopbackHost(settings.host)) {
      process.stderr.write(
        `WARNING: listening on ${settings.host}, not only on this computer. Anyone who can reach it and learns the token can make Codex run commands here.\n`,
      );
    }
    const server = await startServer(settings, { allowRemote: flags['allow-remote'] === true, logger: true });
    const link = server.loginUrl();
    process.stdout.write(
      [
        `Codex Pro Max ${server.ctx.version} is running.`,
        `  UI:   ${server.uiUrl}`,
        `  API:  ${server.apiUrl}`,
        `  Data: ${settings.dataRoot}`,
        '',
        'Open this one-time link to sign in your browser:',
        `  ${link}`,
        '(Lost it? Run "npx codex-pro-max open" in this folder for a new one.) Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
    if (flags.open) openInBrowser(link);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.stdout.write('Stopping Codex Pro Max…\n');
    await server.close();
    return 0;
  },
};
