// Serves the built UI: static files with a strict Content-Security-Policy, and index.html for app routes.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { compressible, type Encoding, precompressedPath, uiFileType } from '../../shared/ui-files.js';
import type { ServerContext } from '../context.js';
import { compressor, pickEncoding } from '../encoding.js';
import { canonicalPath, looksLikeApi } from '../security.js';

export const UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Codex Pro Max</title><p>The web UI has not been built yet. Run <code>npm start</code> (it builds what is missing) or <code>npm run build</code>.</p>';

export async function webRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.setNotFoundHandler(async (req, reply) => {
    const path = canonicalPath(req.url);
    if (looksLikeApi(req.url) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.status(404).send({ ok: false, error: `There is no ${req.method} ${path} endpoint.`, code: 'not_found' });
    }
    reply.header('content-security-policy', UI_CSP).header('x-frame-options', 'DENY').header('referrer-policy', 'no-referrer');
    if (!ctx.webRoot) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    const root = ctx.webRoot;
    const candidate = normalize(join(root, path));
    const inside = candidate.startsWith(root + sep);
    const file = inside && extname(candidate) && (await isFile(candidate)) ? candidate : join(root, 'index.html');
    const type = uiFileType(file);
    const immutable = file.includes(`${sep}assets${sep}`);
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (!compressible(type)) return reply.type(type).send(createReadStream(file));
    reply.header('vary', 'accept-encoding');
    const encoding = pickEncoding(req.headers['accept-encoding']);
    if (!encoding) return reply.type(type).send(createReadStream(file));
    reply.type(type).header('content-encoding', encoding);
    const ready = await compressedCopy(file, encoding);
    return reply.send(ready ? createReadStream(ready) : pipeline(createReadStream(file), compressor(encoding), () => undefined));
  });
}

// Whether the build left a compressed copy of a file, by file and encoding. A build empties the folder first, so a
// copy found stays that file's; one missing (a build from before copies were made) is compressed on every request.
const copies = new Map<string, string | null>();

/** The build's compressed copy of `file` (smaller than compressing it here, and no CPU on a cold load), or null. */
async function compressedCopy(file: string, encoding: Encoding): Promise<string | null> {
  const key = `${encoding}:${file}`;
  let copy = copies.get(key);
  if (copy === undefined) {
    const path = precompressedPath(file, encoding);
    copy = (await isFile(path)) ? path : null;
    copies.set(key, copy);
  }
  return copy;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
