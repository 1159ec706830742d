// Drive mode: starts driven sessions, runs their queued prompts one turn at a time (Auto Run) under a global limit,
// steers and interrupts on request. Each turn runs on an engine (src/codex/engine): the Codex daemon when we are
// connected to it, else a `codex exec` process. Prompts move through the same queue states as the attach loop;
// nothing here speaks HTTP or a Codex protocol.
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { type CodexBinary, checkCodexBinary } from '../../codex/binary.js';
import { type CodexEngine, SteerUnsupported } from '../../codex/engine/engine.js';
import { ExecEngine } from '../../codex/engine/exec-engine.js';
import { threadCwd } from '../../codex/rollout/thread-cwd.js';
import { BadRequest, CodexUnavailable, DriveRefused, NoActiveTurn, NotFound } from '../../errors.js';
import { type DriveSettings, type DriveSnapshot, driveSettingsPatchSchema, type NewDriveSessionBody } from '../../shared/drive.js';
import type { AttachmentId, PromptId, SessionId } from '../../shared/ids.js';
import type { PushMessage } from '../../shared/push.js';
import type { Prompt, SessionSummary } from '../../shared/schemas.js';
import { DriveRepo } from '../../store/drive.js';
import type { Store } from '../../store/store.js';
import { type Delivery, QUEUE_LIMIT } from '../delivery.js';
import { isPresent } from '../presence.js';
import { TurnLimiter } from './limiter.js';
import { type RunningTurn, runTurn } from './turn.js';

export interface DriveOptions {
  store: Store;
  delivery: Delivery;
  publish: (message: PushMessage) => void;
  codexHome: string;
  maxTurns: number;
  /** Environment for finding codex and for the child (CODEX_HOME is always replaced by `codexHome`). */
  env?: NodeJS.ProcessEnv;
  /** The engine inside the Codex daemon; turns run there whenever it is available, else as `codex exec`. */
  daemon?: CodexEngine | null;
}

interface Active {
  turn: RunningTurn | null;
  abort: AbortController;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class DriveService {
  readonly repo: DriveRepo;
  private readonly limiter: TurnLimiter;
  private readonly active = new Map<SessionId, Active>();
  private readonly idle = new Set<() => void>();
  /** Images picked in the "New session" dialog, used by the turn that runs that first prompt. */
  private readonly extraImages = new Map<PromptId, string[]>();

  private readonly exec: ExecEngine;

  constructor(private readonly opts: DriveOptions) {
    this.repo = new DriveRepo(opts.store.db);
    this.exec = new ExecEngine({ codexHome: opts.codexHome, env: this.env, binary: () => this.cachedBinary });
    this.limiter = new TurnLimiter(opts.maxTurns);
    this.repo.failOrphanedTurns('Codex Pro Max stopped while this turn was running. Queue a prompt to continue.');
    // Deferred a microtask so the code that queued can finish first (e.g. register the new session's images).
    opts.delivery.subscribe((change) => {
      if (change.type === 'prompt.queued') queueMicrotask(() => this.kick(change.sessionId));
      else if (change.type === 'session.stopped' || change.type === 'session.deleted') this.interrupt(change.sessionId);
    });
  }

  /** Creates a driven session and queues its first prompt, which starts `codex exec` right away (or when a slot frees). */
  async startSession(body: NewDriveSessionBody): Promise<{ session: SessionSummary; prompt: Prompt }> {
    const { store, delivery } = this.opts;
    await this.requireCwd(body.cwd);
    await this.codex();
    const images = await Promise.all(body.images.map((ref) => this.imagePath(ref)));
    const settings: DriveSettings = {
      cwd: body.cwd,
      model: body.model ?? null,
      effort: body.effort ?? null,
      sandbox: body.sandbox,
      approvalPolicy: body.approvalPolicy,
    };
    const { id: sessionId } = delivery.createDriven({ title: body.title, cwd: body.cwd }, (id) => {
      this.repo.saveSettings(id, settings);
      store.events.record(id, 'session.created', { kind: 'driven', ...settings });
    });
    const prompt = delivery.queue(sessionId, body.prompt);
    if (images.length > 0) this.extraImages.set(prompt.id, images);
    return { session: delivery.summary(sessionId), prompt };
  }

  /** Queues several prompts at once (a split checklist); they run one after another. */
  queueMany(sessionId: SessionId, contents: string[]): Prompt[] {
    const { store, delivery } = this.opts;
    delivery.summary(sessionId);
    if (store.prompts.countQueued(sessionId) + contents.length > QUEUE_LIMIT) {
      throw new DriveRefused(`That would put more than ${QUEUE_LIMIT} prompts in this session's queue. Queue fewer at once.`);
    }
    return contents.map((content) => delivery.queue(sessionId, content));
  }

  /** Runs the session's queued prompts now (e.g. after an error); refuses when Codex is attached to it in a terminal. */
  async continue(sessionId: SessionId): Promise<SessionSummary> {
    this.assertDrivable(sessionId);
    await this.codex();
    this.kick(sessionId);
    return this.opts.delivery.summary(sessionId);
  }

  /**
   * "Continue here": an attached session whose Codex has gone becomes driven on the same thread, in the folder that
   * thread ran in, and its queued prompts run now as `codex exec resume` turns. Refused while a Codex is still there.
   */
  async takeOver(sessionId: SessionId): Promise<SessionSummary> {
    const { delivery } = this.opts;
    const session = delivery.summary(sessionId);
    if (session.kind === 'driven') return this.continue(sessionId);
    if (!session.threadId) throw new DriveRefused('Codex has not named this conversation yet, so it cannot be continued here.');
    if (delivery.waiterCount(sessionId) > 0 || isPresent(session.presence)) {
      throw new DriveRefused(
        'Codex is still connected to this conversation in a terminal; running it here too would fork the thread. Queue the prompt and that Codex takes it, or end it first.',
      );
    }
    const cwd = session.cwd ?? (await threadCwd(this.opts.codexHome, session.threadId));
    if (!cwd) {
      throw new DriveRefused(
        `Codex's record of this conversation (its rollout file under ${this.opts.codexHome}) was not found, so it is not known which folder it ran in. Resume it in a terminal instead.`,
      );
    }
    await this.requireCwd(cwd);
    await this.codex();
    const settings: DriveSettings = { cwd, model: null, effort: null, sandbox: 'workspace-write', approvalPolicy: 'never' };
    delivery.takeOver(sessionId, cwd, (id) => this.repo.saveSettings(id, settings));
    this.kick(sessionId);
    return delivery.summary(sessionId);
  }

  /** Stops the running turn (if any); returns whether there was one. */
  interrupt(sessionId: SessionId): boolean {
    const active = this.active.get(sessionId);
    if (!active) return false;
    active.abort.abort();
    active.turn?.interrupt();
    return true;
  }

  updateSettings(sessionId: SessionId, patch: unknown): DriveSettings {
    const current = this.repo.settings(sessionId);
    if (!current) throw new DriveRefused('This session is not driven by Codex Pro Max, so it has no drive settings.');
    const parsed = driveSettingsPatchSchema.parse(patch);
    const next: DriveSettings = {
      cwd: current.cwd,
      model: parsed.model === undefined ? current.model : parsed.model,
      effort: parsed.effort === undefined ? current.effort : parsed.effort,
      sandbox: parsed.sandbox ?? current.sandbox,
      approvalPolicy: parsed.approvalPolicy ?? current.approvalPolicy,
    };
    this.repo.saveSettings(sessionId, next);
    return next;
  }

  snapshot(sessionId: SessionId): DriveSnapshot {
    this.opts.delivery.summary(sessionId);
    return {
      settings: this.repo.settings(sessionId),
      turns: this.repo.turns(sessionId).map((t) => ({ ...t, events: this.repo.events(t.id) })),
      usage: this.repo.usage(sessionId),
      running: this.active.has(sessionId),
    };
  }

  /** Adds text to the running turn (daemon engine only); returns that turn's id. */
  async steer(sessionId: SessionId, content: string): Promise<string> {
    const turn = this.active.get(sessionId)?.turn;
    if (!turn) throw new NoActiveTurn();
    try {
      await turn.steer(content);
    } catch (error) {
      if (error instanceof SteerUnsupported) throw new DriveRefused(error.message);
      throw new DriveRefused(`Codex did not take the text: ${(error as Error).message}`);
    }
    return turn.turnId;
  }

  /** The `codex exec` engine once Codex is found and checked (a grooming turn's fallback); CodexUnavailable otherwise. */
  async execEngine(): Promise<CodexEngine> {
    await this.codex();
    return this.exec;
  }

  /** Which engine the next turn would run on right now, for telling the person. */
  engineNow(): CodexEngine['name'] {
    return this.opts.daemon?.available() ? 'daemon' : 'exec';
  }

  isRunning(sessionId: SessionId): boolean {
    return this.active.has(sessionId);
  }

  /** The running turn's id, once it has one. */
  turnIdOf(sessionId: SessionId): string | null {
    return this.active.get(sessionId)?.turn?.turnId ?? null;
  }

  /** The running turn's codex process id, for diagnostics and the no-orphans test. */
  pidOf(sessionId: SessionId): number | undefined {
    return this.active.get(sessionId)?.turn?.pid;
  }

  /** Resolves when no turn is running or waiting (tests, shutdown). */
  whenIdle(): Promise<void> {
    if (this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  /** Interrupts every turn and waits for their processes to end. */
  async close(): Promise<void> {
    for (const sessionId of this.active.keys()) this.interrupt(sessionId);
    await this.whenIdle();
  }

  // ---- internals ----

  private assertDrivable(sessionId: SessionId): void {
    const session = this.opts.delivery.summary(sessionId);
    if (session.kind !== 'driven') {
      throw new DriveRefused(
        'Codex is attached to this session from a terminal (through the Codex Pro Max loop), so it cannot also be run from here. Send prompts through the queue instead.',
      );
    }
    if (this.opts.delivery.waiterCount(sessionId) > 0) {
      throw new DriveRefused(
        'A Codex terminal is waiting on this conversation right now; running it from here too would fork the thread. Queue the prompt and that terminal will take it, or stop the terminal first.',
      );
    }
  }

  /** Called whenever a prompt is queued: starts the Auto Run loop for driven sessions that are not already running. */
  private kick(sessionId: SessionId): void {
    if (this.active.has(sessionId)) return; // the running loop picks the prompt up after its turn
    const session = this.opts.store.sessions.summary(sessionId);
    if (session?.kind !== 'driven' || this.opts.delivery.waiterCount(sessionId) > 0) return;
    if (!this.engineFor(session)) return; // a second Codex on a thread the daemon holds would be refused as another writer
    const active: Active = { turn: null, abort: new AbortController() };
    this.active.set(sessionId, active);
    void this.loop(sessionId, active);
  }

  /** Runs queued prompts one at a time until the queue is empty, a turn does not complete, or it is interrupted. */
  private async loop(sessionId: SessionId, active: Active): Promise<void> {
    const { store, delivery } = this.opts;
    try {
      while (!active.abort.signal.aborted && store.prompts.oldest(sessionId, 'queued')) {
        const release = await this.slot(sessionId, active.abort.signal);
        if (!release) return;
        try {
          const current = store.sessions.summary(sessionId);
          const engine = current !== null && delivery.waiterCount(sessionId) === 0 ? this.engineFor(current) : null;
          if (engine === this.exec && !(await this.binaryOrExplain(sessionId))) return;
          const claim = engine ? delivery.claimForDrive(sessionId) : null;
          if (!engine || !claim) return;
          const settings = this.repo.settings(sessionId);
          if (!settings) {
            claim.handoff.abandon();
            return;
          }
          const extraImages = this.extraImages.get(claim.prompt.id) ?? [];
          this.extraImages.delete(claim.prompt.id);
          active.turn = runTurn(
            { store, repo: this.repo, delivery, publish: this.opts.publish },
            { sessionId, prompt: claim.prompt, handoff: claim.handoff, settings, engine, extraImages },
          );
          const outcome = await active.turn.outcome;
          active.turn = null;
          if (outcome !== 'completed') return; // after a failure or a stop, the person decides what runs next
        } finally {
          release();
        }
      }
    } catch (error) {
      if (store.sessions.flags(sessionId))
        delivery.settleDrivenTurn(sessionId, 'failed', `Drive mode failed unexpectedly: ${(error as Error).message}`);
    } finally {
      this.active.delete(sessionId);
      if (this.active.size === 0) for (const resolve of this.idle) resolve();
      if (this.active.size === 0) this.idle.clear();
    }
  }

  /** Waits for a free global slot, telling the person why nothing happens yet; null when interrupted meanwhile. */
  private async slot(sessionId: SessionId, signal: AbortSignal): Promise<(() => void) | null> {
    const { delivery } = this.opts;
    if (this.limiter.active >= this.limiter.max) {
      delivery.waitingForSlot(sessionId, `Waiting: ${this.limiter.max} Codex turns are already running (CODEX_PRO_MAX_MAX_TURNS).`);
    }
    try {
      return await this.limiter.acquire(signal);
    } catch {
      return null;
    }
  }

  /**
   * The daemon when it is there; else `codex exec`, except on a thread the daemon still holds, where a second writer
   * would be refused (null: wait until the daemon is back or lets the thread go).
   */
  private engineFor(session: SessionSummary): CodexEngine | null {
    if (this.opts.daemon?.available()) return this.opts.daemon;
    return heldByDaemon(session) ? null : this.exec;
  }

  private cachedBinary: CodexBinary | null = null;

  private get env(): NodeJS.ProcessEnv {
    return this.opts.env ?? process.env;
  }

  /** The codex program, checked once (found, runs, new enough); throws CodexUnavailable with what to do. */
  private async codex(): Promise<CodexBinary> {
    if (this.cachedBinary) return this.cachedBinary;
    const check = await checkCodexBinary(this.env);
    if (!check.ok || !check.binary) throw new CodexUnavailable(check.problem ?? 'Codex is not usable.', check.fix ?? '');
    this.cachedBinary = check.binary;
    return check.binary;
  }

  private async binaryOrExplain(sessionId: SessionId): Promise<CodexBinary | null> {
    try {
      return await this.codex();
    } catch (error) {
      this.opts.delivery.settleDrivenTurn(sessionId, 'failed', (error as Error).message);
      return null;
    }
  }

  /** The images of a new session as absolute paths (attachment ids resolved); BadRequest/NotFound for a bad one. */
  resolveImages(refs: string[]): Promise<string[]> {
    return Promise.all(refs.map((ref) => this.imagePath(ref)));
  }

  /** NotFound unless `cwd` is a folder: a new session, driven or live, needs one. */
  async requireCwd(cwd: string): Promise<void> {
    if (!isAbsolute(cwd)) throw new BadRequest(`The working directory must be an absolute path, not "${cwd}".`);
    const info = await stat(cwd).catch(() => null);
    if (!info?.isDirectory()) throw new BadRequest(`The working directory "${cwd}" does not exist or is not a folder.`);
  }

  /** An attachment id (from any session) or an absolute path to an existing file. */
  private async imagePath(ref: string): Promise<string> {
    if (UUID.test(ref)) {
      const id = ref.toLowerCase() as AttachmentId;
      const owner = this.repo.attachmentSession(id);
      const attachment = owner ? this.opts.store.attachments.get(owner, id) : null;
      if (!attachment) throw new NotFound(`The image attachment "${ref}"`);
      return attachment.path;
    }
    if (!isAbsolute(ref)) throw new BadRequest(`Images are attachment ids or absolute file paths; "${ref}" is neither.`);
    const info = await stat(ref).catch(() => null);
    if (!info?.isFile()) throw new BadRequest(`The image "${ref}" does not exist.`);
    return ref;
  }
}

/** The Codex daemon has this session's thread loaded (a terminal resumed it, or a daemon turn ran it). */
function heldByDaemon(session: SessionSummary): boolean {
  return session.live !== null && session.live.status !== 'closed';
}
