// Drive-mode endpoints: start a session that runs `codex exec`, read its turns, interrupt, continue, queue a checklist.
// Thin: validation and mapping only; the rules live in src/delivery/drive.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BadRequest } from '../../errors.js';
import { splitChecklist } from '../../shared/checklist.js';
import { newDriveSessionBodySchema, queueManyBodySchema } from '../../shared/drive.js';
import { sessionIdSchema } from '../../shared/ids.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';

const sessionParams = z.object({ sessionId: sessionIdSchema });

export async function driveRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { drive, delivery } = ctx;
  const sessionOf = (req: FastifyRequest) => parse(sessionParams, req.params).sessionId;

  app.get('/api/drive/recent-cwds', async () => ({ ok: true, cwds: drive.repo.recentCwds() }));

  app.post('/api/drive/sessions', async (req, reply) => {
    const body = parse(newDriveSessionBodySchema, req.body);
    const { session, instruction } = await drive.startSession(body);
    return reply.status(201).send({ ok: true, session, instruction });
  });

  app.get('/api/sessions/:sessionId/drive', async (req) => ({ ok: true, drive: drive.snapshot(sessionOf(req)) }));

  app.patch('/api/sessions/:sessionId/drive/settings', async (req) => {
    const sessionId = sessionOf(req);
    delivery.summary(sessionId);
    return { ok: true, settings: drive.updateSettings(sessionId, req.body ?? {}) };
  });

  app.post('/api/sessions/:sessionId/drive/interrupt', async (req) => {
    const sessionId = sessionOf(req);
    delivery.summary(sessionId);
    const interrupted = drive.interrupt(sessionId);
    return { ok: true, interrupted, session: delivery.summary(sessionId) };
  });

  app.post('/api/sessions/:sessionId/drive/continue', async (req) => ({ ok: true, session: await drive.continue(sessionOf(req)) }));

  // One prompt per checklist item (or per entry of "contents"), queued in order; a driven session runs them unattended.
  app.post('/api/sessions/:sessionId/instructions/batch', async (req, reply) => {
    const sessionId = sessionOf(req);
    const body = parse(queueManyBodySchema, req.body);
    let contents: string[];
    if ('contents' in body) contents = body.contents;
    else {
      const split = splitChecklist(body.checklist);
      if (!split)
        throw new BadRequest('That text is not a checklist: it needs at least two open "- [ ] item" (or "- item", "1. item") lines.');
      contents = split.items;
    }
    const instructions = drive.queueMany(sessionId, contents);
    return reply.status(201).send({ ok: true, instructions, session: delivery.summary(sessionId) });
  });
}
