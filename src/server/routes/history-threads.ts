// Endpoints on any Codex thread of this machine, whether or not Codex Pro Max knows it: its readable transcript (one
// page of its rollout), its Markdown export in the same form, and "Continue here". The rollout is found from the thread
// id, in the History index or by codex/rollout/finder.ts; nothing here writes the store except through Delivery.
import { stat } from 'node:fs/promises';
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
  // The index knows rollouts in every Codex home it reads (and their titles); the finder covers the server's own home
  // before the index has read a file, or when it is unavailable.
  const locate = async (params: unknown) => {
    const { threadId } = parse(threadParams, params);
    const indexed = ctx.history.reader?.byThread(threadId) ?? null;
    if (indexed && (await stat(indexed.rolloutPath).catch(() => null))) {
      return { threadId, path: indexed.rolloutPath, title: indexed.title, cwd: indexed.cwd };
    }
    const found = await ctx.rollout.finder.find(threadId);
    if (!found) throw new RolloutNotFound(threadId, ctx.settings.codexHome);
    return { threadId, path: found.path, title: found.fileName.replace(/\.jsonl$/, ''), cwd: null };
  };

  serve(app, api.historyTranscript, async (req) => {
    const { threadId, path } = await locate(req.params);
    const q = parse(api.historyTranscript.query, req.query);
    return { ok: true, page: await readTranscriptPage(path, threadId, q) };
  });

  serve(app, api.historyExport, async (req, reply) => {
    const { threadId, path, title } = await locate(req.params);
    const { scope } = parse(api.historyExport.query, req.query);
    const header = { title, threadId, rolloutPath: path, exportedAt: new Date().toISOString() };
    const name = `codex-${threadId}-${scope === 'turn' ? 'latest-turn' : 'session'}.md`;
    reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
    if (scope === 'turn') return reply.send(await exportLatestTurn(path, header));
    const stream = new PassThrough();
    const aborter = new AbortController();
    reply.raw.once('close', () => aborter.abort());
    exportSession(path, header, (chunk) => stream.write(chunk), aborter.signal).then(
      () => stream.end(),
      (error: unknown) => stream.destroy(error as Error),
    );
    return reply.send(stream);
  });

  serve(app, api.continueThread, async (req) => {
    const located = await locate(req.params);
    const { prompt } = parse(api.continueThread.body, req.body);
    const cwd = located.cwd ?? (await threadCwd(ctx.settings.codexHome, located.threadId, ctx.rollout.finder));
    const session = await continueThread(ctx, located.threadId, { rolloutPath: located.path, cwd }, prompt);
    return { ok: true as const, session };
  });
}
