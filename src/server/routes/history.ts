// History endpoints: the index's progress, the session list, one session, projects, search and the Codex homes
// setting. Thin: the queries are HistoryReader's, the index is the worker's; this file decodes and answers.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HistorySessionNotFound, HistoryUnavailable } from '../../history/errors.js';
import type { HistoryReader } from '../../history/reader.js';
import { api } from '../../shared/api.js';
import { historyFilterQuerySchema, historyHomesBodySchema, historySearchQuerySchema } from '../../shared/history.js';
import { threadIdSchema } from '../../shared/ids.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';

const threadParams = z.object({ threadId: threadIdSchema });

export async function historyRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const history = ctx.history;
  const reader = (): HistoryReader => {
    if (!history.reader) throw new HistoryUnavailable(history.status().error);
    return history.reader;
  };

  serve(app, api.historyStatus, () => ({ ok: true as const, status: history.status() }));

  serve(app, api.historySessions, (req) => {
    const query = parse(historyFilterQuerySchema, req.query);
    return { ok: true as const, ...reader().list(query), status: history.status() };
  });

  serve(app, api.historySession, (req) => {
    const { threadId } = parse(threadParams, req.params);
    const session = reader().byThread(threadId);
    if (!session) throw new HistorySessionNotFound(threadId);
    return { ok: true as const, session };
  });

  serve(app, api.historyProjects, () => ({ ok: true as const, projects: reader().projects() }));

  serve(app, api.historySearch, (req) => {
    const query = parse(historySearchQuerySchema, req.query);
    const started = performance.now();
    const found = reader().search(query);
    const tookMs = Math.round((performance.now() - started) * 10) / 10;
    return { ok: true as const, ...found, complete: history.status().state === 'ready', tookMs };
  });

  serve(app, api.historyHomes, () => ({ ok: true as const, homes: history.homes() }));

  serve(app, api.setHistoryHomes, (req) => {
    const body = parse(historyHomesBodySchema, req.body);
    reader();
    return { ok: true as const, homes: history.setExtraHomes(body.extraHomes) };
  });
}
