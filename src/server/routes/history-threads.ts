// Endpoints on any Codex thread of this machine, whether or not Codex Pro Max knows it: its readable transcript (one
// page of its rollout), its Markdown export in the same form, and "Continue here". The rollout is found from the thread
// id (codex/rollout/finder.ts); nothing here writes the store except through Delivery.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { exportLatestTurn, exportSession } from '../../codex/rollout/export.js';
import { RolloutNotFound } from '../../codex/rollout/finder.js';
import { threadCwd } from '../../codex/rollout/thread-cwd.js';
import { readTranscriptPage } from '../../codex/rollout/transcript-page.js';
import { continueThread } from '../../delivery/drive/continue-thread.js';
import { api } from '../../shared/api.js';
import { threadIdSchema } from '../../shared/ids.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';

const threadParams = z.object({ threadId: threadIdSchema });

export async function historyThreadRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const locate = async (params: unknown) => {
    const { threadId } = parse(threadParams, params);
    const found = await ctx.rollout.finder.find(threadId);
    if (!found) throw new RolloutNotFound(threadId, ctx.settings.codexHome);
    return { threadId, found };
  };

  serve(app, api.historyTranscript, async (req) => {
    const { threadId, found } = await locate(req.params);
    const q = parse(api.historyTranscript.query, req.query);
    return { ok: true, page: await readTranscriptPage(found.path, threadId, q) };
  });

  serve(app, api.historyExport, async (req, reply) => {
    const { threadId, found } = await locate(req.params);
    const { scope } = parse(api.historyExport.query, req.query);
    const header = {
      title: found.fileName.replace(/\.jsonl$/, ''),
      threadId,
      rolloutPath: found.path,
      exportedAt: new Date().toISOString(),
    };
    const name = `codex-${threadId}-${scope === 'turn' ? 'latest-turn' : 'session'}.md`;
    reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
    if (scope === 'turn') return reply.send(await exportLatestTurn(found.path, header));
    const stream = new PassThrough();
    const aborter = new AbortController();
    reply.raw.once('close', () => aborter.abort());
    exportSession(found.path, header, (chunk) => stream.write(chunk), aborter.signal).then(
      () => stream.end(),
      (error: unknown) => stream.destroy(error as Error),
    );
    return reply.send(stream);
  });

  serve(app, api.continueThread, async (req) => {
    const { threadId, found } = await locate(req.params);
    const { prompt } = parse(api.continueThread.body, req.body);
    const cwd = await threadCwd(ctx.settings.codexHome, threadId, ctx.rollout.finder);
    const session = await continueThread(ctx, threadId, { rolloutPath: found.path, cwd }, prompt);
    return { ok: true as const, session };
  });
}
