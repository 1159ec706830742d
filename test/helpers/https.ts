// Real HTTPS requests to the listener for other devices, trusting exactly the certificate it serves (pinned as the
// only CA), with our own Host header when a test needs one; and an event stream read as it arrives.
import { request } from 'node:https';
import { checkServerIdentity, type TLSSocket } from 'node:tls';

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** SHA-256 fingerprint of the certificate the server presented. */
  fingerprint: string;
}

interface Options {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The one certificate to trust (PEM). */
  ca: string;
  timeoutMs?: number;
}

function start(base: string, target: string, options: Options) {
  const { hostname, port } = new URL(base);
  return request({
    host: hostname,
    port,
    path: target,
    method: options.method ?? 'GET',
    ca: options.ca,
    // The certificate is checked against the address dialled, not the Host header a test may forge.
    checkServerIdentity: (_host, cert) => checkServerIdentity(hostname, cert),
    agent: false,
    headers: {
      host: `${hostname}:${port}`,
      ...(options.body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(options.body)) }),
      ...options.headers,
    },
  });
}

export function httpsRequest(base: string, target: string, options: Options): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = start(base, target, options);
    req.on('response', (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, fingerprint }));
    });
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error(`no answer to ${target}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface OpenStream {
  status: number;
  /** Resolves once the text received so far matches `pattern`; rejects if the stream ends first. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Resolves when the server ends or drops the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a long response (the event stream) and keeps reading it. */
export function openStream(base: string, target: string, options: Options): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = start(base, target, options);
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      const waiters = new Set<() => void>();
      let over = false;
      const ended = new Promise<void>((done) => {
        const finish = () => {
          over = true;
          for (const w of waiters) w();
          done();
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const w of waiters) w();
      });
      resolve({
        status: res.statusCode ?? 0,
        ended,
        close: () => req.destroy(),
        waitFor: (pattern) =>
          new Promise<void>((ok, fail) => {
            const check = () => {
              if (pattern.test(text)) {
                waiters.delete(check);
                ok();
              } else if (over) {
                waiters.delete(check);
                fail(new Error(`stream ended before ${pattern}: ${text.slice(0, 200)}`));
              }
            };
            waiters.add(check);
            check();
          }),
      });
    });
    req.end();
  });
}
