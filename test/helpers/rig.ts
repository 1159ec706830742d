// One test rig: a real server (startTestServer) and, when asked, a fake model that the real codex binary in drive mode
// talks to, and the built UI open in real Chromium. Waits are on pushes, domain changes and model requests, never sleeps.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SessionChange } from '../../src/delivery/changes.js';
import type { StartOptions } from '../../src/server/start.js';
import type { PushEnvelope } from '../../src/shared/push.js';
import { type CodexVersion, codexBin, codexEnv, makeCodexHome, OLDEST_CODEX } from '../fixtures/codex-env.js';
import { type FakeModel, type ModelReply, type ModelRequest, startFakeModel } from '../fixtures/fake-model.js';
import { type Browser, collectPageErrors, launchChromium } from '../ui/browser.js';
import { ensureWebBuilt } from '../ui/web-build.js';
import { type CodexDaemon, codexDaemon } from './codex-daemon.js';
import { startTestServer, type TestServer } from './test-server.js';

export interface RigOptions {
  /** Scripts a fake Responses API; the server's CODEX_HOME points codex at it, and drive mode runs the real codex. */
  fakeModel?: (req: ModelRequest) => ModelReply | Promise<ModelReply>;
  /** The codex drive mode runs (default: the oldest supported). Only with `fakeModel`. */
  codexVersion?: CodexVersion;
  /** Added to drive mode's environment, e.g. CODEX_PRO_MAX_MAX_TURNS. Only with `fakeModel`. */
  driveEnv?: Record<string, string>;
  /** Serves the built UI and opens a page in a fresh Chromium profile (failing, never skipping, without a browser). */
  browser?: boolean;
  /** The page's default timeout for actions and selector waits (default 10 s). */
  pageTimeoutMs?: number;
  /** Starts the real Codex app-server daemon in the rig's CODEX_HOME before the server (live threads). Needs `fakeModel`. */
  daemon?: boolean;
  /** More server options, e.g. a listener for other devices (`remote`) or a `log` that keeps start-up notes quiet. */
  server?: Omit<StartOptions, 'webRoot' | 'driveEnv'>;
  /** Starts on this data root, and leaves it behind, instead of a throwaway one: a server that starts on data already there. */
  dataRoot?: string;
}

export interface Rig extends TestServer {
  /** A throwaway working folder for codex. */
  workDir: string;
  /** Every push since the server started, in publishing order. */
  pushes: PushEnvelope[];
  /** Every domain change Delivery emitted since the server started, in order. */
  changes: SessionChange[];
  /** The first push published after this call that matches; fails after `timeoutMs`. Call it before the action. */
  nextPush(match: (push: PushEnvelope) => boolean, timeoutMs?: number): Promise<PushEnvelope>;
  /** The first domain change emitted after this call that matches; fails after `timeoutMs`. Call it before the action. */
  nextChange(match: (change: SessionChange) => boolean, timeoutMs?: number): Promise<SessionChange>;
  /**
   * Resolves with `check()` once it is truthy, checked now and after every push, domain change and fake-model
   * request. For a condition no event announces (a process exits, a file appears) use `until` from until.ts.
   */
  until<T>(what: string, check: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Resolves when drive mode runs no turn and has none waiting. */
  idle(): Promise<void>;
  /** Rollout files under the server's CODEX_HOME/sessions, as paths relative to that folder. */
  rolloutFiles(): string[];
}

export interface ModelRig {
  model: FakeModel;
  /** The daemon, when the rig was started with `daemon: true`. */
  daemon?: CodexDaemon;
}

export interface BrowserRig {
  browser: Browser;
  page: Page;
  /** Script errors, console errors (CSP violations included) and failed requests the page has seen. */
  pageErrors: string[];
}

type Responder = (req: ModelRequest) => ModelReply | Promise<ModelReply>;

/** Starts a rig; close() stops the browser, the server and the model and removes every folder it made. */
export function startRig(options: RigOptions & { fakeModel: Responder; browser: true }): Promise<Rig & ModelRig & BrowserRig>;
export function startRig(options: RigOptions & { fakeModel: Responder }): Promise<Rig & ModelRig>;
export function startRig(options: RigOptions & { browser: true }): Promise<Rig & BrowserRig>;
export function startRig(options?: RigOptions): Promise<Rig>;
export async function startRig(options: RigOptions = {}): Promise<Rig & Partial<ModelRig & BrowserRig>> {
  const rechecks = new Set<() => void>();
  // Run after the publishing code finished its synchronous work (a waiter registers right after its push).
  const recheckSoon = () =>
    setImmediate(() => {
      for (const recheck of [...rechecks]) recheck();
    });
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanUp = async () => {
    for (let step = cleanups.pop(); step; step = cleanups.pop()) await step();
  };
  try {
    const respond = options.fakeModel;
    const model = respond
      ? await startFakeModel((req) => {
          recheckSoon();
          return respond(req);
        })
      : undefined;
    if (model) cleanups.push(() => model.close());
    const codexHome = model ? makeCodexHome({ baseUrl: model.baseUrl }) : undefined;
    const workDir = mkdtempSync(join(tmpdir(), 'cpm-rig-work-'));
    cleanups.push(() => {
      for (const dir of [workDir, codexHome]) if (dir) rmSync(dir, { recursive: true, force: true });
    });
    const daemon = options.daemon && codexHome ? codexDaemon(options.codexVersion ?? OLDEST_CODEX, codexHome) : undefined;
    if (daemon) {
      cleanups.push(() => daemon.cleanUp());
      await daemon.start();
    }
    // A wrong CODEX_HOME in the environment: drive mode must replace it with the server's setting.
    const driveEnv =
      codexHome &&
      codexEnv(codexHome, {
        CODEX_PRO_MAX_CODEX_BIN: codexBin(options.codexVersion ?? OLDEST_CODEX),
        CODEX_HOME: join(tmpdir(), 'cpm-not-the-codex-home'),
        ...options.driveEnv,
      });
    const ts = await startTestServer({
      dataRoot: options.dataRoot,
      codexHome,
      webRoot: options.browser ? ensureWebBuilt() : null,
      start: { ...options.server, ...(driveEnv ? { driveEnv } : {}) },
    });
    cleanups.push(() => ts.close());
    const { ctx } = ts.server;
    const pushes: PushEnvelope[] = [];
    const changes: SessionChange[] = [];
    const offPush = ctx.push.subscribe((push) => {
      pushes.push(push);
      recheckSoon();
    });
    const offChange = ctx.delivery.subscribe((change) => {
      changes.push(change);
      recheckSoon();
    });
    cleanups.push(() => {
      offPush();
      offChange();
    });

    const rig: Rig & Partial<ModelRig & BrowserRig> = {
      ...ts,
      workDir,
      pushes,
      changes,
      nextPush: (match, timeoutMs) => nextOf('push', (l) => ctx.push.subscribe(l), match, timeoutMs),
      nextChange: (match, timeoutMs) => nextOf('domain change', (l) => ctx.delivery.subscribe(l), match, timeoutMs),
      until: (what, check, timeoutMs) => untilChecked(rechecks, what, check, timeoutMs),
      idle: () => ctx.drive.whenIdle(),
      rolloutFiles: () => rolloutFilesUnder(ts.codexHome),
      close: cleanUp,
    };
    if (model) rig.model = model;
    if (daemon) rig.daemon = daemon;
    if (options.browser) {
      const browser = await launchChromium();
      cleanups.push(() => browser.close());
      const page = await browser.context.newPage();
      page.setDefaultTimeout(options.pageTimeoutMs ?? 10_000);
      rig.pageErrors = [];
      collectPageErrors(page, rig.pageErrors);
      Object.assign(rig, { browser, page });
    }
    return rig;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function nextOf<E>(
  what: string,
  subscribe: (listener: (event: E) => void) => () => void,
  match: (event: E) => boolean,
  timeoutMs = 30_000,
): Promise<E> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for a matching ${what}`));
    }, timeoutMs);
    const off = subscribe((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

function untilChecked<T>(
  rechecks: Set<() => void>,
  what: string,
  check: () => T | undefined | null | false,
  timeoutMs = 30_000,
): Promise<T> {
  const now = check();
  if (now) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      rechecks.delete(recheck);
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    const recheck = () => {
      try {
        const value = check();
        if (value) finish(() => resolve(value));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    rechecks.add(recheck);
  });
}

function rolloutFilesUnder(codexHome: string): string[] {
  try {
    return (readdirSync(join(codexHome, 'sessions'), { recursive: true }) as string[]).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
}
