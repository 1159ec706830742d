// `codex-pro-max start`: runs the server in the foreground until Ctrl+C.

import { parseAllowedHosts } from '../../server/auth/hosts.js';
import { DEFAULT_REMOTE_PORT, PLAIN_HTTP_WARNING, type RemoteOptions } from '../../server/remote-listener.js';
import { isLoopbackHost } from '../../server/security.js';
import { startServer } from '../../server/start.js';
import { settingsFrom } from '../../settings.js';
import { type CliCommand, readFlags, UsageError } from '../command.js';
import { openInBrowser } from '../open-browser.js';

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Start the Codex Pro Max server (UI and API) in this terminal.',
  help: `Usage: codex-pro-max start [--open] [--host ADDRESS --allow-remote [--cert FILE --key FILE]]

Starts the server and prints a one-time sign-in link for your browser.
Keep the terminal open while you use Codex Pro Max; Ctrl+C stops it.

Options:
  --open            Also open the sign-in link in your browser.
  --host ADDRESS    Also listen on ADDRESS (for example 0.0.0.0 or your computer's
                    network address), over HTTPS, so a phone can reach it. Needs
                    --allow-remote. The API and UI ports stay on 127.0.0.1.
  --allow-remote    Required with a non-loopback --host. Devices still need to be
                    paired (Settings → Pair a phone, or "codex-pro-max pair").
  --remote-port N   Port of that HTTPS listener (default ${DEFAULT_REMOTE_PORT}; 0 picks a free one).
  --cert FILE       Your own HTTPS certificate (PEM) for it; with --key. Without
  --key FILE        them one is made on first use and kept in the data folder.
  --insecure-http   Plain HTTP instead of HTTPS on that address. Anyone on the
                    network can read the traffic and steal a device's sign-in.

Settings (environment):
  CODEX_PRO_MAX_ROOT           data folder (default ~/.codex-pro-max)
  CODEX_HOME                   Codex's folder (default ~/.codex)
  CODEX_PRO_MAX_API_PORT       API port (default 53127; 0 picks a free port)
  CODEX_PRO_MAX_UI_PORT        UI port (default 53128; 0 picks a free port)
  CODEX_PRO_MAX_ALLOWED_HOSTS  host names an HTTPS proxy in front of the UI port
                               serves, e.g. my-pc.tail1234.ts.net (Tailscale Serve);
                               exact names only, separated by commas
`,
  async run(args) {
    const { flags } = readFlags(args, {
      boolean: ['open', 'allow-remote', 'insecure-http'],
      string: ['host', 'cert', 'key', 'remote-port'],
    });
    const settings = settingsFrom(process.env);
    const allowedHosts = parseAllowedHosts(process.env.CODEX_PRO_MAX_ALLOWED_HOSTS);
    if (typeof flags.host === 'string') settings.host = flags.host;
    if ((typeof flags.cert === 'string') !== (typeof flags.key === 'string')) throw new UsageError('--cert and --key go together.');
    let remote: RemoteOptions | undefined;
    if (!isLoopbackHost(settings.host)) {
      const port = Number(flags['remote-port'] ?? process.env.CODEX_PRO_MAX_REMOTE_PORT ?? DEFAULT_REMOTE_PORT);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--remote-port must be a port number from 0 to 65535.');
      remote = {
        host: settings.host,
        port,
        cert: typeof flags.cert === 'string' && typeof flags.key === 'string' ? { certPath: flags.cert, keyPath: flags.key } : undefined,
        plainHttp: flags['insecure-http'] === true,
      };
      process.stderr.write(
        `WARNING: listening on ${settings.host}, not only on this computer. Devices you pair there can make Codex run commands here; remove a lost one in Settings → Pair a phone.\n`,
      );
      if (remote.plainHttp) process.stderr.write(`${PLAIN_HTTP_WARNING}\n`);
    } else if (flags['insecure-http'] || flags.cert || flags['remote-port']) {
      throw new UsageError(
        '--cert, --key, --remote-port and --insecure-http are for the listener other devices use: add --host ADDRESS --allow-remote.',
      );
    }
    const server = await startServer(settings, { allowRemote: flags['allow-remote'] === true, logger: true, remote, allowedHosts });
    const link = server.loginUrl();
    const lines = [
      `Codex Pro Max ${server.ctx.version} is running.`,
      `  UI:   ${server.uiUrl}`,
      `  API:  ${server.apiUrl}`,
      `  Data: ${settings.dataRoot}`,
    ];
    if (server.remote) {
      lines.push(`  For other devices: ${server.remote.url}`);
      if (server.remote.fingerprint) {
        const made = server.remote.certificate?.source === 'generated' ? ' (made just now)' : '';
        lines.push(`  Certificate${made}: ${server.remote.certificate?.path}`, `  Its SHA-256 fingerprint: ${server.remote.fingerprint}`);
      }
    }
    for (const host of allowedHosts)
      lines.push(`  Also answers as: https://${host.name}${host.port ? `:${host.port}` : ''} (through your HTTPS proxy)`);
    lines.push(
      '',
      'Open this one-time link to sign in your browser:',
      `  ${link}`,
      '(Lost it? Run "npx codex-pro-max open" in this folder for a new one.) Press Ctrl+C to stop.',
    );
    if (server.remote || allowedHosts.length > 0) lines.push('To use a phone, run "npx codex-pro-max pair" and scan the QR code.');
    process.stdout.write(`${lines.join('\n')}\n\n`);
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
