// The HTTPS certificate of the listener for other devices: the person's own (--cert/--key), or one made on first use
// into <root>/tls and kept (so a phone that accepted it once keeps seeing the same fingerprint). Never sent anywhere.
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

export interface Certificate {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, as browsers show it ("AB:CD:…"), for the person to compare on the phone. */
  fingerprint: string;
  /** Where it came from, for the start-up message. */
  source: 'provided' | 'generated' | 'kept';
  certPath: string;
}

const DAY_MS = 24 * 3600_000;
// Under 398 days, the longest validity browsers accept for a server certificate.
const VALID_DAYS = 397;

function certificateFrom(cert: string, key: string, source: Certificate['source'], certPath: string): Certificate {
  return { cert, key, fingerprint: new X509Certificate(cert).fingerprint256, source, certPath };
}

/** True when the kept certificate is still valid for a while and names every address it must serve. */
function stillFits(pem: string, names: string[]): boolean {
  try {
    const x509 = new X509Certificate(pem);
    if (Date.parse(x509.validTo) - Date.now() < 7 * DAY_MS) return false;
    return names.every((n) => (isIP(n) ? x509.checkIP(n) : x509.checkHost(n)) !== undefined);
  } catch {
    return false;
  }
}

/**
 * The certificate to serve: `provided` files when given (read as they are), else the kept one under <root>/tls when
 * it still fits `names`, else a new self-signed one for `names` (written 0600 into a 0700 folder).
 */
export async function certificateFor(
  dataRoot: string,
  names: string[],
  provided?: { certPath: string; keyPath: string },
): Promise<Certificate> {
  if (provided) {
    const read = (path: string, what: string) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        throw new Error(`Cannot read the ${what} file ${path}: ${(error as Error).message}`);
      }
    };
    return certificateFrom(read(provided.certPath, 'certificate'), read(provided.keyPath, 'key'), 'provided', provided.certPath);
  }
  const dir = join(dataRoot, 'tls');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    if (stillFits(cert, names)) return certificateFrom(cert, readFileSync(keyPath, 'utf8'), 'kept', certPath);
  }
  // Loaded only to make a certificate: its X.509 and ASN.1 libraries held ~4 MB of every server's heap, used or not.
  const { default: selfsigned } = await import('selfsigned');
  const now = new Date();
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'Codex Pro Max' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
    ],
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  writeFileSync(certPath, pems.cert, { mode: 0o600 });
  return certificateFrom(pems.cert, pems.private, 'generated', certPath);
}
