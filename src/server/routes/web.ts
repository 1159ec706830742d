// Serves the built UI: static files with a strict Content-Security-Policy, and index.html for app routes.
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { compressible, precompressedPath, uiFileType } from '../../shared/ui-files.js';
import type { ServerContext } from '../context.js';
import { compressed, pickEncoding } from '../encoding.js';
import { canonicalPath, looksLikeApi } from '../security.js';
import { UiFileCache } from '../ui-file-cache.js';

export const UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Codex Pro Max</title><p>The web UI has not been built yet. Run <code>npm start</code> (it builds what is missing) or <code>npm run build</code>.</p>';

export async function webRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const files = ctx.webRoot ? new UiFileCache(ctx.webRoot) : null;
  app.setNotFoundHandler(async (req, reply) => {
    const path = canonicalPath(req.url);
    if (looksLikeApi(req.url) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.status(404).send({ ok: false, error: `There is no ${req.method} ${path} endpoint.`, code: 'not_found' });
    }
    reply.header('content-security-policy', UI_CSP).header('x-frame-options', 'DENY').header('referrer-policy', 'no-referrer');
    if (!files) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    const { root } = files;
    const candidate = normalize(join(root, path));
    const inside = candidate.startsWith(root + sep);
    const asked = inside && extname(candidate) ? await files.read(candidate) : null;
    const file = asked ? candidate : join(root, 'index.html');
    const bytes = asked ?? (await files.read(file));
    if (!bytes) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    const type = uiFileType(file);
    reply.header('cache-control', files.isImmutable(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (!compressible(type)) return reply.type(type).send(bytes);
    reply.header('vary', 'accept-encoding');
    const encoding = pickEncoding(req.headers['accept-encoding']);
    if (!encoding) return reply.type(type).send(bytes);
    reply.type(type).header('content-encoding', encoding);
    // The build's copy is smaller than what can be afforded per request; a build from before copies is compressed here.
    return reply.send((await files.read(precompressedPath(file, encoding))) ?? (await compressed(bytes, encoding)));
  });
}
