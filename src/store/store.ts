// The store: one SQLite connection and a repository per table. Knows nothing of HTTP or Codex.
import type Database from 'better-sqlite3';
import type { SessionId } from '../shared/ids.js';
import { AttachmentRepo } from './attachments.js';
import { Checkpointer } from './checkpointer.js';
import { ContextLinkRepo } from './context-links.js';
import { type Db, openDatabase } from './db.js';
import { DatabaseFile } from './db-file.js';
import { EventLog } from './events.js';
import { PromptRepo } from './prompts.js';
import { SessionRepo } from './sessions.js';
import { SlashPromptRepo } from './slash-prompts.js';
import { TimelineRepo } from './timeline.js';

export class Store {
  readonly sessions: SessionRepo;
  readonly timeline: TimelineRepo;
  readonly prompts: PromptRepo;
  readonly attachments: AttachmentRepo;
  readonly slashPrompts: SlashPromptRepo;
  readonly events: EventLog;
  readonly contextLinks: ContextLinkRepo;
  private checkpointer: Checkpointer | null = null;
  // better-sqlite3 builds four wrapped functions and defines their properties for every db.transaction() call; one
  // transaction that runs the function it is given costs that once (nested calls still become savepoints).
  private readonly runTransaction: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(
    readonly db: Db,
    attachmentDir: (sessionId: SessionId) => string,
    /** The file `db` writes to; the server checks it before every write request. */
    readonly file: DatabaseFile,
  ) {
    this.sessions = new SessionRepo(db);
    this.timeline = new TimelineRepo(db);
    this.prompts = new PromptRepo(db);
    this.attachments = new AttachmentRepo(db, attachmentDir);
    this.slashPrompts = new SlashPromptRepo(db);
    this.events = new EventLog(db);
    this.contextLinks = new ContextLinkRepo(db);
    this.runTransaction = db.transaction((fn: () => unknown) => fn());
  }

  static open(file: string, attachmentDir: (sessionId: SessionId) => string): Store {
    const db = openDatabase(file);
    return new Store(db, attachmentDir, new DatabaseFile(file));
  }

  /** Runs `fn` in one IMMEDIATE transaction, so concurrent readers never see half a change. */
  tx<T>(fn: () => T): T {
    return this.runTransaction.immediate(fn) as T;
  }

  /** Checkpoints the WAL from a worker thread from now on (the server), so no commit waits for one. */
  checkpointInBackground(): void {
    this.checkpointer ??= new Checkpointer(this.db, this.file.path);
  }

  close(): void {
    this.checkpointer?.close();
    this.db.close();
  }
}
