// Endpoints that read a session's Codex rollout: where it is, live usage and activity, the work under each conclusion,
// and the Markdown export of the conversation (the timeline with what Codex did between prompts).
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ConversationHeader } from '../../codex/rollout/conversation-markdown.js';
import { exportConversation, NothingToExport, workByEntry } from '../../codex/rollout/export-conversation.js';
import { RolloutNotFound } from '../../codex/rollout/finder.js';
import { firstUserPrompt } from '../../codex/rollout/first-prompt.js';
import { SessionNotFound } from '../../errors.js';
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

  /** What the conversation export and the work view read: the timeline, how driven turns ended, the rollout if any. */
  const sources = async (sessionId: SessionId) => {
    const s = ctx.store.sessions.summary(sessionId);
    if (!s) throw new SessionNotFound(sessionId);
    const rollout = await live.locate(sessionId).catch((error: unknown) => {
      if (error instanceof RolloutNotFound) return null;
      throw error;
    });
    const timeline = ctx.store.timeline.list(sessionId);
    const drivenTurns = s.kind === 'driven' ? ctx.drive.repo.turns(sessionId) : [];
    // A driven session is only ever in progress while its turn runs; an attached Codex also while it waits.
    const inProgress = s.status === 'RUNNING' || (s.kind === 'attached' && s.status === 'WAITING_FOR_INSTRUCTION');
    const options = {
      inProgress,
      drivenTurns: drivenTurns.flatMap((t) => (t.promptId ? [{ promptId: t.promptId, status: t.status, error: t.error }] : [])),
    };
    return { s, rollout, timeline, options };
  };

  const exportRoute = (scope: ConversationHeader['scope'], label: string) => async (req: { params: unknown }, reply: FastifyReply) => {
    const sessionId = sessionOf(req.params);
    const { s, rollout, timeline, options } = await sources(sessionId);
    if (!rollout && timeline.length === 0) throw new NothingToExport(s.title);
    const h: ConversationHeader = {
      title: s.title,
      threadId: s.threadId,
      mode: s.kind === 'driven' ? 'run by Codex Pro Max (codex exec)' : 'Codex in a terminal, through the Codex Pro Max loop',
      rolloutFile: rollout?.fileName ?? null,
      exportedAt: new Date().toISOString(),
      scope,
    };
    const stream = new PassThrough();
    const aborter = new AbortController();
    reply.raw.once('close', () => aborter.abort());
    exportConversation(rollout?.path ?? null, timeline, options, h, (chunk) => stream.write(chunk), aborter.signal).then(
      () => stream.end(),
      (error: unknown) => stream.destroy(error as Error),
    );
    return attachment(reply, `${safeLabel(s.title)}-${label}-${stamp(new Date())}.md`).send(stream);
  };
  serve(app, api.exportLatestTurn, exportRoute('latest exchange', 'latest'));
  serve(app, api.exportSession, exportRoute('whole conversation', 'conversation'));

  serve(app, api.work, async (req) => {
    const { rollout, timeline, options } = await sources(sessionOf(req.params));
    return { ok: true, work: rollout ? await workByEntry(rollout.path, timeline, options) : [] };
  });

  // No thread or no rollout yet is an ordinary answer (nothing to show), not an error the page would have to hide.
  serve(app, api.firstPrompt, async (req) => {
    const sessionId = sessionOf(req.params);
    const found = await live.locate(sessionId).catch((error: unknown) => {
      if (error instanceof RolloutNotFound) return null;
      throw error;
    });
    return { ok: true, prompt: found ? await firstUserPrompt(found.path) : null };
  });
}
