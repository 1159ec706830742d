// Browser-facing session endpoints: list, detail, rename, read, clear, stop, delete, and the prompt queue.
import { rm } from 'node:fs/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dataFiles } from '../../settings.js';
import { api, PAGE_BYTES, PAGE_ENTRIES } from '../../shared/api.js';
import type { SessionId } from '../../shared/ids.js';
import { promptIdSchema, sessionIdSchema, threadIdSchema } from '../../shared/ids.js';
import { wireAttachment } from '../../store/attachments.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';
import { decodeCursor, encodeCursor } from '../session-cursor.js';

const sessionParams = z.object({ sessionId: sessionIdSchema });
const threadParams = z.object({ threadId: threadIdSchema });
const promptParams = z.object({ sessionId: sessionIdSchema, promptId: promptIdSchema });

export async function sessionRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { delivery, store } = ctx;
  const sessionOf = (req: FastifyRequest) => parse(sessionParams, req.params).sessionId;
  const sessionByThread = (req: FastifyRequest) => delivery.sessionIdByThread(parse(threadParams, req.params).threadId);

  /** The newest page of the timeline, or the one before `query.before`: bounded however long the session has run. */
  const page = (sessionId: SessionId, query: unknown = {}) => {
    const { before, limit } = parse(api.timelinePage.query, query);
    return store.timeline.page(sessionId, { before, limit: limit ?? PAGE_ENTRIES, maxBytes: PAGE_BYTES });
  };
  const detail = (sessionId: SessionId, query?: unknown) => {
    const summary = delivery.summary(sessionId);
    const { entries, hasEarlier } = page(sessionId, query);
    const queue = store.prompts.pending(sessionId);
    const attachments = store.attachments.list(sessionId).map(wireAttachment);
    return { session: { ...summary, timeline: entries, queue, attachments }, hasEarlier };
  };

  const remove = async (sessionId: SessionId) => {
    delivery.delete(sessionId);
    await rm(dataFiles.attachments(ctx.settings.dataRoot, sessionId), { recursive: true, force: true });
    return { ok: true, deleted: true, sessions: store.sessions.list() } as const;
  };

  serve(app, api.listSessions, async (req) => {
    const { limit, after } = parse(api.listSessions.query, req.query);
    const { sessions, next } = store.sessions.page(limit, after === undefined ? undefined : decodeCursor(after));
    return { ok: true, sessions, next: next && encodeCursor(next) };
  });
  serve(app, api.sessionDetail, async (req) => ({ ok: true, ...detail(sessionOf(req), req.query) }));
  serve(app, api.timelinePage, async (req) => {
    const sessionId = sessionOf(req);
    delivery.summary(sessionId);
    return { ok: true, ...page(sessionId, req.query) };
  });
  serve(app, api.sessionEvents, async (req) => {
    const sessionId = sessionOf(req);
    delivery.summary(sessionId);
    return { ok: true, events: store.events.list(sessionId) };
  });

  serve(app, api.rename, async (req) => {
    const { title } = parse(api.rename.body, req.body);
    return { ok: true, session: delivery.rename(sessionOf(req), title) };
  });
  serve(app, api.markRead, async (req) => ({ ok: true, session: delivery.markRead(sessionOf(req)) }));
  serve(app, api.clearTimeline, async (req) => {
    const sessionId = sessionOf(req);
    delivery.clearTimeline(sessionId);
    return { ok: true, ...detail(sessionId) };
  });

  serve(app, api.stop, async (req) => ({ ok: true, session: delivery.stop(sessionOf(req)) }));
  serve(app, api.stopByThread, async (req) => ({ ok: true, session: delivery.stop(sessionByThread(req)) }));

  serve(app, api.deleteSession, async (req) => remove(sessionOf(req)));
  serve(app, api.deleteByThread, async (req) => remove(sessionByThread(req)));

  const queue = (sessionId: SessionId, body: unknown) => {
    const { content } = parse(api.queue.body, body);
    const prompt = delivery.queue(sessionId, content);
    return { ok: true, prompt, session: delivery.summary(sessionId) } as const;
  };
  serve(app, api.queue, async (req) => queue(sessionOf(req), req.body));
  serve(app, api.queueByThread, async (req) => queue(sessionByThread(req), req.body));

  serve(app, api.editPrompt, async (req) => {
    const { sessionId, promptId } = parse(promptParams, req.params);
    const { content } = parse(api.editPrompt.body, req.body);
    return { ok: true, prompt: delivery.editPrompt(sessionId, promptId, content), ...detail(sessionId) };
  });
  serve(app, api.deletePrompt, async (req) => {
    const { sessionId, promptId } = parse(promptParams, req.params);
    const deletedPrompt = delivery.deletePrompt(sessionId, promptId);
    return { ok: true, deleted: true, deletedPrompt, ...detail(sessionId) };
  });
  serve(app, api.reorderQueue, async (req) => {
    const sessionId = sessionOf(req);
    const { order } = parse(api.reorderQueue.body, req.body);
    const ids = order.map((id) => parse(promptIdSchema, id));
    return { ok: true, queue: delivery.reorderQueue(sessionId, ids) };
  });
}
