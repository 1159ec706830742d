// A raw HTTP request over a real socket, for the cases fetch refuses to send: our own Host header, an absolute-form or
// non-normalised request target, a HEAD that must answer.
import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/** `target` goes on the request line exactly as given; `base` names the server (`http://127.0.0.1:port`). */
export function rawRequest(
  base: string,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        path: target,
        method: options.method ?? 'GET',
        // A fresh connection each time, so one odd request cannot leave bytes that the next one is read with.
        agent: false,
        headers: {
          host: `${hostname}:${port}`,
          ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) }),
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.setTimeout(options.timeoutMs ?? 5_000, () => req.destroy(new Error(`no answer to ${options.method ?? 'GET'} ${target}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}
