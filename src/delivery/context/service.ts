// Carrying a conversation's context on: previews of the context of one or more sessions (verbatim, groomed by a Codex
// turn, or a fork of one thread), and starting a new session from a preview, linked back to its sources. Sessions are
// created and linked only through Delivery intents; the Codex parts live in src/codex/context.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { AppServerClient } from '../../codex/app-server/client.js';
import { forkThread } from '../../codex/context/fork.js';
import { GroomingTurnFailed, groom } from '../../codex/context/groom.js';
import { type VerbatimSource, verbatimDocument } from '../../codex/context/verbatim.js';
import type { DaemonEngine } from '../../codex/engine/daemon-engine.js';
import type { CodexEngine } from '../../codex/engine/engine.js';
import { RolloutNotFound } from '../../codex/rollout/finder.js';
import { findUsageBefore } from '../../codex/rollout/locate.js';
import { threadCwd } from '../../codex/rollout/thread-cwd.js';
import { DaemonUnavailable, DriveRefused, NotFound } from '../../errors.js';
import {
  type ContextLinks,
  type ContextPreview,
  type ContextPreviewBody,
  type ContextSource,
  type ContextStartBody,
  type ContextTokens,
  carriedPrompt,
  estimateTokens,
  GROOMING_PROMPT,
  type NamedSource,
} from '../../shared/context.js';
import type { SessionId, ThreadId } from '../../shared/ids.js';
import type { SessionSummary } from '../../shared/schemas.js';
import type { Store } from '../../store/store.js';
import type { Delivery } from '../delivery.js';
import type { DriveService } from '../drive/service.js';
import { ContextTooLarge, GroomingFailed } from './errors.js';

/** Where a thread's rollout is and what History calls it; null when no rollout is found. */
export type LocateThread = (threadId: ThreadId) => Promise<{ path: string; title: string | null; cwd: string | null } | null>;

export interface ContextDeps {
  store: Store;
  delivery: Delivery;
  drive: DriveService;
  codexHome: string;
  locate: LocateThread;
  /** The daemon engine (grooming turns, forks); null without one. */
  daemon: DaemonEngine | null;
  /** Our connection to the daemon, which forks go through. */
  client: AppServerClient;
  /** The engine a grooming turn runs on when the daemon is not connected (`codex exec`), once Codex is known. */
  fallback: () => Promise<CodexEngine>;
}

interface Resolved extends VerbatimSource {
  named: NamedSource;
}

interface StoredPreview {
  preview: ContextPreview;
  resolved: Resolved[];
  at: number;
}

const PREVIEW_TTL_MS = 60 * 60 * 1000;
const MAX_PREVIEWS = 50;

export class ContextService {
  private readonly previews = new Map<string, StoredPreview>();

  constructor(private readonly deps: ContextDeps) {}

  /** The context document for the sources in the form asked for, kept for `start`; `fits` compares it to the window. */
  async preview(body: ContextPreviewBody, signal?: AbortSignal): Promise<{ preview: ContextPreview; fits: boolean }> {
    const resolved = [];
    for (const source of body.sources) resolved.push(await this.resolve(source));
    const window = await contextWindowOf(resolved);
    const verbatim = await verbatimDocument(resolved, body.budgetTokens, signal);
    let document = verbatim.markdown;
    let tokens: ContextTokens = { count: estimateTokens(document), estimated: true, contextWindow: window };
    let engine: ContextPreview['engine'] = null;
    if (body.form === 'groomed') {
      const result = await this.groom(verbatim.markdown, resolved[0]?.cwd ?? null, signal);
      document = result.document;
      engine = result.engine;
      tokens = {
        count: result.documentTokens || estimateTokens(document),
        estimated: result.documentTokens === 0,
        contextWindow: window,
      };
    } else if (body.form === 'fork') {
      // The fork copies Codex's own history: what its next request holds is the thread's context as Codex last counted it.
      const first = resolved[0] as Resolved;
      const used = await usageOf(first.rolloutPath);
      if (used && used.contextUsed !== null) tokens = { count: used.contextUsed, estimated: false, contextWindow: window };
    }
    const preview: ContextPreview = {
      id: randomUUID(),
      form: body.form,
      document,
      sources: resolved.map((r) => r.named),
      tokens,
      omittedItems: verbatim.omitted,
      groomingPrompt: body.form === 'groomed' ? GROOMING_PROMPT : null,
      engine,
      cwd: resolved[0]?.cwd ?? null,
    };
    this.keep({ preview, resolved, at: Date.now() });
    return { preview, fits: window === null || tokens.count <= window };
  }

  /** A new session from a preview: a driven session whose first prompt carries the document, or a fork. */
  async start(body: ContextStartBody): Promise<SessionSummary> {
    const stored = this.previews.get(body.previewId);
    if (!stored || Date.now() - stored.at > PREVIEW_TTL_MS) throw new NotFound('That preview (it is kept for an hour; make it again)');
    const { preview, resolved } = stored;
    const first = resolved[0] as Resolved;
    const cwd = body.cwd ?? first.cwd;
    if (!cwd) throw new DriveRefused('The sources do not say which folder they ran in: choose a working folder for the new session.');
    const window = preview.tokens.contextWindow;
    let session: SessionSummary;
    if (preview.form === 'fork') {
      const count = preview.tokens.count + estimateTokens(body.prompt);
      if (window !== null && count > window) throw new ContextTooLarge(count, window, preview.tokens.estimated);
      session = await this.fork(first, cwd, body);
    } else {
      const text = carriedPrompt(preview.document, body.prompt);
      // A groomed document's own count comes from usage; only the words around it are estimated.
      const count = preview.tokens.estimated
        ? estimateTokens(text)
        : preview.tokens.count + estimateTokens(text) - estimateTokens(preview.document);
      if (window !== null && count > window) throw new ContextTooLarge(count, window, preview.tokens.estimated);
      const started = await this.deps.drive.startSession({
        prompt: text,
        cwd,
        model: body.model ?? null,
        effort: null,
        sandbox: body.sandbox,
        approvalPolicy: body.approvalPolicy,
        images: [],
        title: body.title || `Carried on: ${first.title}`.slice(0, 200),
      });
      session = started.session;
      this.deps.delivery.carriedOn(session.id, preview.form, preview.sources);
    }
    return this.deps.delivery.summary(session.id);
  }

  /** Where a session or History thread was carried from and on to. */
  links(query: { sessionId?: string; threadId?: string }): ContextLinks {
    const { store } = this.deps;
    const sessionId = query.sessionId ?? (query.threadId ? store.sessions.idByThread(query.threadId as ThreadId) : null);
    const threadId = query.threadId ?? (sessionId ? (store.sessions.summary(sessionId as SessionId)?.threadId ?? null) : null);
    return {
      carriedFrom: sessionId ? store.contextLinks.carriedFrom(sessionId) : null,
      carriedOn: store.contextLinks.carriedOn(sessionId ?? null, threadId),
    };
  }

  // ---- internals ----

  private async fork(source: Resolved, cwd: string, body: ContextStartBody): Promise<SessionSummary> {
    const { delivery, drive, store, daemon, client } = this.deps;
    if (!daemon?.available())
      throw new DaemonUnavailable(
        "A fork is made inside Codex's background service, which is not running. Start it, or carry the context on as a new session.",
      );
    await drive.requireCwd(cwd);
    const settings = { cwd, model: body.model ?? null, effort: null, sandbox: body.sandbox, approvalPolicy: body.approvalPolicy };
    const title = body.title || `Fork of ${source.title}`.slice(0, 200);
    const sessionId = await forkThread(client, daemon, { threadId: source.threadId, ...settings }, (forked) => {
      const created = delivery.createDriven({ title, cwd }, (id) => {
        drive.repo.saveSettings(id, settings);
        store.events.record(id, 'session.created', { kind: 'driven', forkedFrom: source.threadId });
      });
      // Bound before live threads take the new thread in (it joins this session) and before the prompt runs on it.
      delivery.bindThread(created.id, forked as ThreadId, { forkedFrom: source.threadId });
      return created.id;
    });
    delivery.carriedOn(sessionId, 'fork', [source.named]);
    delivery.queue(sessionId, body.prompt);
    return delivery.summary(sessionId);
  }

  private async groom(material: string, cwd: string | null, signal?: AbortSignal) {
    const { daemon } = this.deps;
    const engine = daemon?.available() ? daemon : await this.deps.fallback();
    const folder = cwd && (await stat(cwd).catch(() => null))?.isDirectory() ? cwd : tmpdir();
    try {
      return await groom(engine, { material, cwd: folder, model: null, signal });
    } catch (error) {
      if (error instanceof GroomingTurnFailed) throw new GroomingFailed(error.message);
      throw error;
    }
  }

  /** The session or thread behind a source, with its rollout; SessionNotFound / RolloutNotFound when there is none. */
  private async resolve(source: ContextSource): Promise<Resolved> {
    const { delivery, store, codexHome } = this.deps;
    let session: SessionSummary | null = null;
    let threadId = source.threadId as ThreadId | undefined;
    if (source.sessionId) {
      session = delivery.summary(source.sessionId as SessionId);
      if (!session.threadId)
        throw new DriveRefused(
          `"${session.title}" has no Codex thread yet (its first turn has not started), so it has no context to carry on.`,
        );
      threadId = session.threadId as ThreadId;
    } else if (threadId) {
      const bound = store.sessions.idByThread(threadId);
      session = bound ? store.sessions.summary(bound) : null;
    }
    const located = await this.deps.locate(threadId as ThreadId);
    if (!located) throw new RolloutNotFound(threadId as string, codexHome);
    const title = session?.title ?? located.title ?? `Codex thread ${String(threadId).slice(0, 8)}`;
    const cwd = session?.cwd ?? located.cwd ?? (await threadCwd(codexHome, threadId as ThreadId).catch(() => null));
    return {
      title,
      threadId: threadId as string,
      rolloutPath: located.path,
      cwd,
      fromTurn: source.fromTurn,
      toTurn: source.toTurn,
      named: { sessionId: session?.id ?? null, threadId: threadId as string, title },
    };
  }

  private keep(stored: StoredPreview): void {
    const now = Date.now();
    for (const [id, p] of this.previews) if (now - p.at > PREVIEW_TTL_MS) this.previews.delete(id);
    while (this.previews.size >= MAX_PREVIEWS) {
      const oldest = this.previews.keys().next().value;
      if (oldest === undefined) break;
      this.previews.delete(oldest);
    }
    this.previews.set(stored.preview.id, stored);
  }
}

async function usageOf(path: string) {
  const size = (await stat(path).catch(() => null))?.size ?? 0;
  return findUsageBefore(path, size);
}

/** The model's context window as the sources' rollouts last reported it (the first source that says). */
async function contextWindowOf(sources: Resolved[]): Promise<number | null> {
  for (const s of sources) {
    const window = (await usageOf(s.rolloutPath))?.contextWindow;
    if (window) return window;
  }
  return null;
}
