// Live-thread endpoints: the daemon's state, a live session's history, its approvals, steering and interrupting.
// Thin: validation and mapping only; the rules live in src/delivery/live.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { startDaemon } from '../../delivery/live/daemon.js';
import { api } from '../../shared/api.js';
import { sessionIdSchema } from '../../shared/ids.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';

const sessionParams = z.object({ sessionId: sessionIdSchema });
const approvalParams = z.object({ approvalId: z.string().uuid('The approval id') });
const historyQuery = z.object({ before: z.string().min(1).max(500).optional() });

export async function liveRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { live, delivery } = ctx;
  const sessionOf = (req: FastifyRequest) => {
    const { sessionId } = parse(sessionParams, req.params);
    delivery.summary(sessionId);
    return sessionId;
  };

  serve(app, api.daemonStatus, async () => ({ ok: true, daemon: live.daemon() }));

  serve(app, api.startDaemon, async () => {
    await startDaemon(ctx.settings.codexHome);
    live.client.retryNow();
    return { ok: true, daemon: live.daemon() };
  });

  serve(app, api.startLive, async (req) => {
    const body = parse(api.startLive.body, req.body);
    await ctx.drive.requireCwd(body.cwd);
    const images = await ctx.drive.resolveImages(body.images);
    const { session, prompt } = await live.startSession(body, images);
    return { ok: true, session, prompt };
  });

  serve(app, api.liveHistory, async (req) => {
    const sessionId = sessionOf(req);
    const { before } = parse(historyQuery, req.query);
    return { ok: true, history: await live.history(sessionId, before ?? null) };
  });

  serve(app, api.approvals, async (req) => ({ ok: true, approvals: live.approvalsFor(sessionOf(req)) }));

  serve(app, api.answerApproval, async (req) => {
    const { approvalId } = parse(approvalParams, req.params);
    return { ok: true, approval: live.answer(approvalId, parse(api.answerApproval.body, req.body)) };
  });

  serve(app, api.steer, async (req) => {
    const sessionId = sessionOf(req);
    const { content } = parse(api.steer.body, req.body);
    // A driven turn is drive mode's: its engine steers it (and says so when it cannot).
    if (ctx.drive.isRunning(sessionId)) return { ok: true, turnId: await ctx.drive.steer(sessionId, content) };
    return { ok: true, turnId: await live.steer(sessionId, content) };
  });

  serve(app, api.interruptLive, async (req) => {
    const sessionId = sessionOf(req);
    const turnId = ctx.drive.isRunning(sessionId) ? ctx.drive.turnIdOf(sessionId) : null;
    if (turnId && ctx.drive.interrupt(sessionId)) return { ok: true, turnId };
    return { ok: true, turnId: await live.interrupt(sessionId) };
  });
}
