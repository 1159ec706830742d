// History on the server's side: opens the index file, starts the worker that builds and follows it, answers queries
// through a read connection (HistoryReader), and turns the worker's reports into pushes. Never reads rollouts itself.
// close() stops the worker between two files and closes both connections, so a server can stop at any moment.
import { rmSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { HistoryHomes, HistoryStatus } from '../shared/history.js';
import { HISTORY_PUSH_ROWS } from '../shared/history.js';
import type { PushMessage } from '../shared/push.js';
import { type HistoryDb, historyFile, openHistoryDb, readSetting, writeSetting } from './db.js';
import { emptyStatus } from './empty-status.js';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol.js';
import { HistoryReader, type SessionLookup } from './reader.js';
import { spawnHistoryWorker } from './spawn-worker.js';

export interface HistoryOptions {
  dataRoot: string;
  /** The server's CODEX_HOME, always indexed. */
  codexHome: string;
  /** CODEX_PRO_MAX_CODEX_HOMES: more Codex homes, separated like PATH. */
  envHomes?: string;
  publish(message: PushMessage): void;
  sessionOf?: SessionLookup;
  /** Wait this long after start before the worker starts (servers that live a moment never pay for it). */
  delayMs?: number;
  quickMs?: number;
  /** With file events, the longest wait between two quick sweeps (default 30 s). */
  safetyMs?: number;
  /** Where file events are not heard, the interval of full sweeps (default 15 s)… */
  fullMs?: number;
  /** …and where they are (default 10 minutes). */
  watchedFullMs?: number;
  /** Parse workers for a build (default: one per core but one, at least one, at most two). */
  parsers?: number;
  log?: (line: string) => void;
}

const EXTRA_HOMES = 'extra_homes';

/** Splits CODEX_PRO_MAX_CODEX_HOMES (PATH-style) into absolute folders. */
export function homesFromEnv(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(delimiter)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => resolve(s));
}

export class HistoryService {
  private db: HistoryDb | null = null;
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;
  private current: HistoryStatus = emptyStatus('starting');
  private extra: string[] = [];
  private readonly addedListeners = new Set<(threadIds: readonly string[]) => void>();
  reader: HistoryReader | null = null;

  constructor(private readonly options: HistoryOptions) {}

  start(): void {
    try {
      this.db = openRebuildingIfDamaged(historyFile(this.options.dataRoot), this.options.log);
      this.reader = new HistoryReader(this.db, this.options.sessionOf);
      this.extra = parseHomes(readSetting(this.db, EXTRA_HOMES));
    } catch (error) {
      this.current = emptyStatus('failed', `The History index could not be opened: ${(error as Error).message}`);
      this.options.log?.(`Codex Pro Max: ${this.current.error}`);
      return;
    }
    this.timer = setTimeout(() => this.startWorker(), this.options.delayMs ?? 0);
    this.timer.unref();
  }

  status(): HistoryStatus {
    return this.current;
  }

  /**
   * Hears the thread ids of rollouts the index read for the first time (Codex wrote a new one, in any home), within a
   * sweep of their writing; returns the unsubscribe. Lets the server stop looking for a rollout without watching the
   * folders itself.
   */
  onRolloutsAdded(listener: (threadIds: readonly string[]) => void): () => void {
    this.addedListeners.add(listener);
    return () => this.addedListeners.delete(listener);
  }

  homes(): HistoryHomes {
    return {
      primary: this.options.codexHome,
      fromEnvironment: homesFromEnv(this.options.envHomes),
      extraHomes: this.extra,
    };
  }

  /** Replaces the extra homes (kept in the index database) and tells the worker to sweep them. */
  setExtraHomes(homes: string[]): HistoryHomes {
    this.extra = [...new Set(homes.map((h) => resolve(h)))];
    if (this.db) writeSetting(this.db, EXTRA_HOMES, JSON.stringify(this.extra));
    this.send({ type: 'homes', homes: this.allHomes() });
    return this.homes();
  }

  private allHomes(): string[] {
    return [...new Set([resolve(this.options.codexHome), ...homesFromEnv(this.options.envHomes), ...this.extra])];
  }

  private send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private startWorker(): void {
    this.timer = null;
    if (this.closing || !this.db) return;
    const options: WorkerOptions = {
      file: historyFile(this.options.dataRoot),
      homes: this.allHomes(),
      quickMs: this.options.quickMs ?? 400,
      safetyMs: this.options.safetyMs ?? 30_000,
      fullMs: this.options.fullMs ?? 15_000,
      watchedFullMs: this.options.watchedFullMs ?? 600_000,
      parsers: this.options.parsers,
    };
    const worker = spawnHistoryWorker('worker', options);
    this.worker = worker;
    worker.on('message', (m: FromWorker) => this.onMessage(m));
    worker.on('error', (error) => {
      this.current = { ...this.current, state: 'failed', error: `The History index stopped: ${error.message}` };
      this.options.log?.(`Codex Pro Max: ${this.current.error}`);
      this.options.publish({ type: 'history.progress', status: this.current });
    });
    worker.unref();
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'status') {
      this.current = m.status;
      this.options.publish({ type: 'history.progress', status: m.status });
    } else if (m.type === 'changed' && this.reader) {
      if (m.added.length > 0) for (const listener of this.addedListeners) listener(m.added);
      const reload = m.ids.length > HISTORY_PUSH_ROWS || m.removed.length > HISTORY_PUSH_ROWS;
      this.options.publish({
        type: 'history.changed',
        upserted: reload ? [] : this.reader.byIds(m.ids),
        removed: reload ? [] : m.removed,
        reload,
      });
    }
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.timer) clearTimeout(this.timer);
    const worker = this.worker;
    this.closing = (async () => {
      if (worker) {
        const done = new Promise<void>((resolveDone) => {
          worker.on('message', (m: FromWorker) => m.type === 'closed' && resolveDone());
          worker.once('exit', () => resolveDone());
          worker.once('error', () => resolveDone());
        });
        worker.ref();
        worker.postMessage({ type: 'close' } satisfies ToWorker);
        // A read in flight finishes its chunk first; past this, the thread is stopped outright.
        const timeout = new Promise<void>((r) => setTimeout(r, 3_000).unref());
        await Promise.race([done, timeout]);
        await worker.terminate();
      }
      this.db?.close();
      this.db = null;
      this.reader = null;
    })();
    return this.closing;
  }
}

/** Opens the index; a file SQLite calls damaged is derived data, so it is deleted and built again (with a note). */
function openRebuildingIfDamaged(file: string, log?: (line: string) => void): HistoryDb {
  try {
    return openHistoryDb(file);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code !== 'SQLITE_NOTADB' && !code.startsWith('SQLITE_CORRUPT')) throw error;
    log?.(`Codex Pro Max: the History index ${file} was damaged (${code}); it is being built again from Codex's session logs.`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    return openHistoryDb(file);
  }
}

function parseHomes(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as unknown;
    return Array.isArray(list) ? list.filter((h): h is string => typeof h === 'string') : [];
  } catch {
    return [];
  }
}
