// Browser-facing session endpoints: list, detail, rename, read, clear, stop, delete, and the prompt queue.
import { rm } from 'node:fs/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dataFiles } from '../../settings.js';
import type { SessionId } from '../../shared/ids.js';
import { instructionIdSchema, sessionIdSchema, threadIdSchema } from '../../shared/ids.js';
import { contentBodySchema, renameBodySchema, reorderBodySchema, type SessionDetail } from '../../shared/schemas.js';
import { wireAttachment } from '../../store/attachments.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';

const sessionParams = z.object({ sessionId: sessionIdSchema });
const threadParams = z.object({ threadId: threadIdSchema });
const instructionParams = z.object({ sessionId: sessionIdSchema, instructionId: instructionIdSchema });

export async function sessionRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { delivery, store } = ctx;
  const sessionOf = (req: FastifyRequest) => parse(sessionParams, req.params).sessionId;
  const sessionByThread = (req: FastifyRequest) => delivery.sessionIdByThread(parse(threadParams, req.params).threadId);

  const detail = (sessionId: SessionId): SessionDetail => ({
    ...delivery.summary(sessionId),
    timeline: store.timeline.list(sessionId),
    queue: store.instructions.pending(sessionId),
    attachments: store.attachments.list(sessionId).map(wireAttachment),
  });

  const remove = async (sessionId: SessionId) => {
    delivery.delete(sessionId);
    await rm(dataFiles.attachments(ctx.settings.dataRoot, sessionId), { recursive: true, force: true });
    return { ok: true, deleted: true, sessions: store.sessions.list() };
  };

  app.get('/api/sessions', async () => ({ ok: true, sessions: store.sessions.list() }));
  app.get('/api/sessions/:sessionId', async (req) => ({ ok: true, session: detail(sessionOf(req)) }));
  app.get('/api/sessions/:sessionId/events', async (req) => {
    const sessionId = sessionOf(req);
    delivery.summary(sessionId);
    return { ok: true, events: store.events.list(sessionId) };
  });

  app.patch('/api/sessions/:sessionId', async (req) => {
    const { title } = parse(renameBodySchema, req.body);
    return { ok: true, session: delivery.rename(sessionOf(req), title) };
  });
  app.post('/api/sessions/:sessionId/read', async (req) => ({ ok: true, session: delivery.markRead(sessionOf(req)) }));
  app.delete('/api/sessions/:sessionId/messages', async (req) => {
    const sessionId = sessionOf(req);
    delivery.clearTimeline(sessionId);
    return { ok: true, session: detail(sessionId) };
  });

  app.post('/api/sessions/:sessionId/stop', async (req) => ({ ok: true, session: delivery.stop(sessionOf(req)) }));
  app.post('/api/sessions/by-thread/:threadId/stop', async (req) => ({ ok: true, session: delivery.stop(sessionByThread(req)) }));

  app.delete('/api/sessions/:sessionId', async (req) => remove(sessionOf(req)));
  app.delete('/api/sessions/by-thread/:threadId', async (req) => remove(sessionByThread(req)));

  const queue = (sessionId: SessionId, body: unknown) => {
    const { content } = parse(contentBodySchema, body);
    const instruction = delivery.queue(sessionId, content);
    return { ok: true, instruction, session: delivery.summary(sessionId) };
  };
  app.post('/api/sessions/:sessionId/instructions', async (req, reply) => reply.status(201).send(queue(sessionOf(req), req.body)));
  app.post('/api/sessions/by-thread/:threadId/instructions', async (req, reply) =>
    reply.status(201).send(queue(sessionByThread(req), req.body)),
  );

  app.patch('/api/sessions/:sessionId/instructions/:instructionId', async (req) => {
    const { sessionId, instructionId } = parse(instructionParams, req.params);
    const { content } = parse(contentBodySchema, req.body);
    return { ok: true, instruction: delivery.editInstruction(sessionId, instructionId, content), session: detail(sessionId) };
  });
  app.delete('/api/sessions/:sessionId/instructions/:instructionId', async (req) => {
    const { sessionId, instructionId } = parse(instructionParams, req.params);
    const deletedInstruction = delivery.deleteInstruction(sessionId, instructionId);
    return { ok: true, deleted: true, deletedInstruction, session: detail(sessionId) };
  });
  app.put('/api/sessions/:sessionId/instructions/order', async (req) => {
    const sessionId = sessionOf(req);
    const { order } = parse(reorderBodySchema, req.body);
    const ids = order.map((id) => parse(instructionIdSchema, id));
    return { ok: true, queue: delivery.reorderQueue(sessionId, ids) };
  });
}
