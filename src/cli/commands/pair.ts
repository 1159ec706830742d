// `codex-pro-max pair`: asks the running server for a one-time pairing and shows its QR code and short code here.
import QRCode from 'qrcode';
import { ApiClient } from '../../client/api-client.js';
import { dataRootFrom } from '../../settings.js';
import { api } from '../../shared/api.js';
import type { Pairing } from '../../shared/devices.js';
import { type CliCommand, readFlags } from '../command.js';

/** The words around the QR code: what to do, the short code, where else it works, the certificate to expect. */
export function pairingText(pairing: Pairing): string[] {
  const minutes = Math.max(1, Math.round((Date.parse(pairing.expiresAt) - Date.now()) / 60_000));
  const [first, ...others] = pairing.links;
  if (!first) {
    return [
      'Your phone cannot reach Codex Pro Max yet: it listens on this computer only.',
      'Either put Tailscale Serve (or another HTTPS proxy) in front of it and set CODEX_PRO_MAX_ALLOWED_HOSTS,',
      'or restart it with "npm start -- --host 0.0.0.0 --allow-remote". The README section "Use it from your phone" shows both.',
    ];
  }
  const lines = [
    'Scan this QR code with your phone’s camera. It opens a page that pairs the phone.',
    `Or open ${new URL(first.url).origin}/pair on the phone and type this code: ${pairing.code}`,
    `The code and the QR code work once, for the next ${minutes} minutes.`,
  ];
  for (const other of others) lines.push(`Also works ${other.via}: ${new URL(other.url).origin}/pair`);
  if (pairing.fingerprint) {
    lines.push(
      '',
      'The phone will warn that the certificate is not trusted (it was made on this computer). Before you continue,',
      'check that the certificate details show this SHA-256 fingerprint:',
      `  ${pairing.fingerprint}`,
    );
  }
  return lines;
}

export const pairCommand: CliCommand = {
  name: 'pair',
  summary: 'Pair a phone (or another browser): shows a QR code and a short code.',
  help: `Usage: codex-pro-max pair [--json]

Asks the running server for a one-time pairing and shows a QR code and a short
code. Scanning the QR code (or typing the code at /pair) gives that device its own
sign-in, which you can remove any time in Settings → Pair a phone.

Options:
  --json   Print the pairing as JSON (the link includes its one-time secret).
`,
  async run(args) {
    const { flags } = readFlags(args, { boolean: ['json'] });
    const client = new ApiClient(dataRootFrom(process.env));
    const { pairing } = await client.call(api.createPairing, { body: {} });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ...pairing, qrSvg: undefined }, null, 2)}\n`);
      return 0;
    }
    const first = pairing.links[0];
    const qr = first ? await QRCode.toString(first.url, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }) : '';
    process.stdout.write(`${qr}${pairingText(pairing).join('\n')}\n`);
    return 0;
  },
};
