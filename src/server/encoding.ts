// Picks how to compress an answer from the request's Accept-Encoding, for the UI files the not-found handler serves
// (@fastify/compress covers routes only), and compresses one the build did not. Knows nothing of files or routes.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from '../shared/ui-files.js';

/** br when accepted, else gzip when accepted, else null; `q=0` refuses one, and `*` accepts both. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: Encoding) => {
    const q = accepted.get(name) ?? accepted.get('*');
    return q !== undefined && q > 0;
  };
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** `bytes` compressed; brotli at quality 4 like @fastify/compress, fast enough to run on every cold load. */
export function compressed(bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br' ? brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }) : gzipped(bytes);
}
