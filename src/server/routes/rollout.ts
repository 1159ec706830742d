// Endpoints that read a session's Codex rollout: where it is, live usage and activity, and Markdown exports.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { exportLatestTurn, exportSession } from '../../codex/rollout/export.js';
import { RolloutNotFound } from '../../codex/rollout/finder.js';
import { api } from '../../shared/api.js';
import { type SessionId, sessionIdSchema, threadIdSchema } from '../../shared/ids.js';
import type { RolloutLocation } from '../../shared/rollout.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';

const sessionParams = z.object({ sessionId: sessionIdSchema });
const threadQuery = z.object(
  { threadId: threadIdSchema, format: z.enum(['json', 'path']).optional() },
  { error: 'Give a thread id: /api/codex-live/rollout/<threadId> or ?threadId=…' },
);

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .replace(/\.(\d{3})Z$/, '-$1');
}

function safeLabel(title: string): string {
  return (
    title
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'codex-session'
  );
}

function attachment(reply: FastifyReply, name: string): FastifyReply {
  return reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
}

export async function rolloutRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const live = ctx.rollout;
  const sessionOf = (params: unknown) => parse(sessionParams, params).sessionId;

  const locateThread = async (params: unknown, query: unknown, reply: FastifyReply) => {
    const q = (query ?? {}) as Record<string, unknown>;
    const { threadId, format } = parse(threadQuery, { ...q, ...(params as object) });
    const found = await live.finder.find(threadId);
    if (!found) throw new RolloutNotFound(threadId, ctx.settings.codexHome);
    const sessionId = ctx.store.sessions.idByThread(threadId);
    if (sessionId) ctx.delivery.rolloutLocated(sessionId, found.path);
    if (format === 'path') return reply.type('text/plain; charset=utf-8').send(found.path);
    const body: RolloutLocation = {
      ok: true,
      codexThreadId: threadId,
      rolloutPath: found.path,
      session: { fileName: found.fileName, sizeBytes: found.sizeBytes, createdAtIso: found.createdAtIso, updatedAtIso: found.updatedAtIso },
    };
    return reply.send(body);
  };
  serve(app, api.locateRollout, async (req, reply) => locateThread(req.params, req.query, reply));
  serve(app, api.locateRolloutByQuery, async (req, reply) => locateThread({}, req.query, reply));

  serve(app, api.usage, async (req) => {
    const state = await live.state(sessionOf(req.params));
    return { ok: true, usage: state.usageSnapshot() };
  });

  serve(app, api.activity, async (req) => {
    const state = await live.state(sessionOf(req.params));
    return { ok: true, activity: state.activitySnapshot(), unknownRecords: state.stats.unknown };
  });

  const header = (sessionId: SessionId, path: string) => {
    const s = ctx.store.sessions.summary(sessionId);
    return { title: s?.title ?? 'Codex session', threadId: s?.threadId ?? null, rolloutPath: path, exportedAt: new Date().toISOString() };
  };

  serve(app, api.exportLatestTurn, async (req, reply) => {
    const sessionId = sessionOf(req.params);
    const found = await live.locate(sessionId);
    const h = header(sessionId, found.path);
    const markdown = await exportLatestTurn(found.path, h);
    return attachment(reply, `${safeLabel(h.title)}-latest-turn-${stamp(new Date())}.md`).send(markdown);
  });

  serve(app, api.exportSession, async (req, reply) => {
    const sessionId = sessionOf(req.params);
    const found = await live.locate(sessionId);
    const h = header(sessionId, found.path);
    const stream = new PassThrough();
    const aborter = new AbortController();
    reply.raw.once('close', () => aborter.abort());
    exportSession(found.path, h, (chunk) => stream.write(chunk), aborter.signal).then(
      () => stream.end(),
      (error: unknown) => stream.destroy(error as Error),
    );
    return attachment(reply, `${safeLabel(h.title)}-session-${stamp(new Date())}.md`).send(stream);
  });
}
