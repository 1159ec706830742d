// `codex-pro-max open`: asks the running server for a fresh one-time link and opens it in the browser.
import { ApiClient } from '../../client/api-client.js';
import { dataRootFrom } from '../../settings.js';
import { api } from '../../shared/api.js';
import { type CliCommand, readFlags } from '../command.js';
import { openInBrowser } from '../open-browser.js';

export const openCommand: CliCommand = {
  name: 'open',
  summary: 'Open Codex Pro Max in your browser, signed in.',
  help: `Usage: codex-pro-max open [--print]

Asks the running server for a one-time sign-in link and opens it in your default browser.

Options:
  --print   Only print the link (for a browser on another profile or machine).
`,
  async run(args) {
    const { flags } = readFlags(args, { boolean: ['print'] });
    const client = new ApiClient(dataRootFrom(process.env));
    const { url } = await client.call(api.loginLink, { body: {} });
    process.stdout.write(`${url}\n`);
    if (!flags.print && !openInBrowser(url)) process.stderr.write('Could not start a browser; open the link above yourself.\n');
    return 0;
  },
};
