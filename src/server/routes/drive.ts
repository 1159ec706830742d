// Drive-mode endpoints: start a session that runs `codex exec`, read its turns, interrupt, continue, queue a checklist.
// Thin: validation and mapping only; the rules live in src/delivery/drive.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BadRequest } from '../../errors.js';
import { api } from '../../shared/api.js';
import { splitChecklist } from '../../shared/checklist.js';
import { sessionIdSchema } from '../../shared/ids.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';

const sessionParams = z.object({ sessionId: sessionIdSchema });

export async function driveRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { drive, delivery } = ctx;
  const sessionOf = (req: FastifyRequest) => parse(sessionParams, req.params).sessionId;

  serve(app, api.recentCwds, async () => ({ ok: true, cwds: drive.repo.recentCwds() }));

  serve(app, api.startDriven, async (req) => {
    const body = parse(api.startDriven.body, req.body);
    const { session, prompt } = await drive.startSession(body);
    return { ok: true, session, prompt };
  });

  serve(app, api.driveSnapshot, async (req) => ({ ok: true, drive: drive.snapshot(sessionOf(req)) }));

  serve(app, api.driveSettings, async (req) => {
    const sessionId = sessionOf(req);
    delivery.summary(sessionId);
    return { ok: true, settings: drive.updateSettings(sessionId, req.body ?? {}) };
  });

  serve(app, api.interrupt, async (req) => {
    const sessionId = sessionOf(req);
    delivery.summary(sessionId);
    const interrupted = drive.interrupt(sessionId);
    return { ok: true, interrupted, session: delivery.summary(sessionId) };
  });

  serve(app, api.continueDriven, async (req) => ({ ok: true, session: await drive.continue(sessionOf(req)) }));

  serve(app, api.continueHere, async (req) => ({ ok: true, session: await drive.takeOver(sessionOf(req)) }));

  // One prompt per checklist item (or per entry of "contents"), queued in order; a driven session runs them unattended.
  serve(app, api.queueMany, async (req) => {
    const sessionId = sessionOf(req);
    const body = parse(api.queueMany.body, req.body);
    let contents: string[];
    if ('contents' in body) contents = body.contents;
    else {
      const split = splitChecklist(body.checklist);
      if (!split)
        throw new BadRequest('That text is not a checklist: it needs at least two open "- [ ] item" (or "- item", "1. item") lines.');
      contents = split.items;
    }
    const prompts = drive.queueMany(sessionId, contents);
    return { ok: true, prompts, session: delivery.summary(sessionId) };
  });
}
