// Carrying a conversation's context on: previews (verbatim, groomed, fork), starting a session from one, and the
// links between sessions and their sources. The work is ContextService's; nothing here writes the store.
import type { FastifyInstance } from 'fastify';
import { api } from '../../shared/api.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';

export async function contextRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  serve(app, api.contextPreview, async (req, reply) => {
    const body = parse(api.contextPreview.body, req.body);
    // A grooming turn is Codex's work: a person who gives up (closes the dialog) stops it.
    const aborter = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) aborter.abort();
    };
    reply.raw.once('close', onClose);
    try {
      const answer = await ctx.context.preview(body, aborter.signal);
      return { ok: true as const, ...answer };
    } finally {
      reply.raw.off('close', onClose);
    }
  });

  serve(app, api.contextStart, async (req) => {
    const body = parse(api.contextStart.body, req.body);
    return { ok: true as const, session: await ctx.context.start(body) };
  });

  serve(app, api.contextLinks, async (req) => {
    const query = parse(api.contextLinks.query, req.query);
    return { ok: true as const, links: ctx.context.links(query) };
  });
}
