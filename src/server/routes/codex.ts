// The Codex-facing endpoints (used by the MCP server, the helper script and older skills): attach, conclude, wait, gone.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { WaitOutcome } from '../../delivery/delivery.js';
import { api } from '../../shared/api.js';
import { threadIdSchema } from '../../shared/ids.js';
import type { SessionSummary, WaitResult } from '../../shared/schemas.js';
import type { ServerContext } from '../context.js';
import { crashPoint } from '../crash-points.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';

const threadParams = z.object({ threadId: threadIdSchema });
// Codex calls these over loopback (the MCP server, the helper script), where compressing an answer only costs CPU at
// both ends: a wait answer with a long prompt was compressed, and every call ran the compressor's three hooks.
const LOOPBACK = { compress: false, decompress: false } as const;
const legacyCreateBody = z.object(
  { codexThreadId: threadIdSchema, displayName: z.string().trim().max(200).optional(), title: z.string().trim().max(200).optional() },
  { error: 'The request body must be {"codexThreadId": "...", "title"?: "..."}.' },
);

export async function codexRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { delivery } = ctx;

  serve(app, api.attachByThread, LOOPBACK, async (req) => {
    const { threadId } = parse(threadParams, req.params);
    const body = parse(api.attachByThread.body, req.body ?? {});
    const session = delivery.attach(threadId, body.title || body.displayName);
    return { ok: true, session };
  });

  serve(app, api.attachLegacy, LOOPBACK, async (req) => {
    const body = parse(legacyCreateBody, req.body);
    const session = delivery.attach(body.codexThreadId, body.title || body.displayName);
    return { ok: true, session };
  });

  serve(app, api.sessionByThread, LOOPBACK, async (req) => {
    const { threadId } = parse(threadParams, req.params);
    return { ok: true, session: delivery.summary(delivery.sessionIdByThread(threadId)) };
  });

  serve(app, api.conclude, LOOPBACK, async (req) => {
    const { threadId } = parse(threadParams, req.params);
    const { content, requestId } = parse(api.conclude.body, req.body);
    const { entry, session } = delivery.conclude(threadId, content, requestId);
    crashPoint('conclusion-stored');
    const conclusion = { id: entry.id, sessionId: entry.sessionId, content: entry.content, createdAt: entry.createdAt };
    return { ok: true, conclusion, session };
  });

  serve(app, api.codexGone, LOOPBACK, async (req) => {
    const { threadId } = parse(threadParams, req.params);
    const { reason } = parse(api.codexGone.body, req.body ?? {});
    return { ok: true, session: delivery.codexGone(threadId, reason ?? 'unspecified') };
  });

  serve(app, api.wait, LOOPBACK, async (req, reply) => {
    const { threadId } = parse(threadParams, req.params);
    const query = req.query as Record<string, unknown>;
    const body = parse(api.wait.body, { ...(typeof req.body === 'object' && req.body ? req.body : {}), ...pickTimeout(query) });
    const aborter = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) aborter.abort();
    };
    reply.raw.once('close', onClose);
    const outcome = await delivery.wait(threadId, { timeoutMs: body.timeoutMs, acknowledge: body.acknowledge, signal: aborter.signal });
    reply.raw.off('close', onClose);
    return sendWaitOutcome(reply, ctx, outcome);
  });
}

function pickTimeout(query: Record<string, unknown>): { timeoutMs?: unknown } {
  return query.timeoutMs === undefined ? {} : { timeoutMs: query.timeoutMs };
}

/**
 * Writes the wait answer. A prompt counts as handed before the first byte is written: from then on the caller may have
 * it, whatever becomes of the connection or of this process, so it is never put back in the queue (that is how a
 * crash delivered prompts twice). Until the thread confirms receipt, its next wait gets the same prompt again.
 * Only a connection already gone puts the prompt back at the head of the queue.
 */
function sendWaitOutcome(reply: FastifyReply, ctx: ServerContext, outcome: WaitOutcome): FastifyReply {
  const handoff = outcome.handoff;
  let confirmed: SessionSummary | null = null;
  if (handoff) {
    if (reply.raw.destroyed || reply.raw.socket?.destroyed) {
      handoff.abandon();
      return reply;
    }
    confirmed = handoff.confirm();
    crashPoint('handoff-before-write');
    reply.raw.once('finish', () => crashPoint('handoff-after-finish'));
  }
  const session = confirmed ?? (outcome.sessionId ? ctx.store.sessions.summary(outcome.sessionId) : null);
  const body: WaitResult = {
    ok: true,
    status: outcome.status,
    instruction: outcome.instruction,
    message: outcome.message,
    timedOut: outcome.status === 'no_instruction_yet',
    stopped: outcome.status === 'stopped',
    session,
  };
  reply.status(200).send(body);
  if (handoff) crashPoint('handoff-after-write');
  return reply;
}
