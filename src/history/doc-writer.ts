// Writes and takes out the documents of the History index: per document one doc_at row (where its record is, and its
// text in its field's column) and its FTS5 entry. Used by the index worker only, inside the transaction it holds.
// A build runs these statements for every document, so each is prepared once per field, never built per call.
import type Database from 'better-sqlite3';
import { DOC_FIELDS, type HistoryDb } from './db.js';
import { DOC_STRIDE, type DocBatch } from './doc-batch.js';

const orNull = (v: number) => (Number.isNaN(v) ? null : v);

export class DocWriter {
  private readonly insertAt: Database.Statement[];
  private readonly insertFts: Database.Statement[];
  private readonly unindexFile: Database.Statement;
  private readonly unindexTitle: Database.Statement;
  private readonly deleteFile: Database.Statement;
  private readonly deleteTitle: Database.Statement;
  private readonly countFile: Database.Statement;

  constructor(db: HistoryDb) {
    this.insertAt = DOC_FIELDS.map((f) =>
      db.prepare(`INSERT INTO doc_at (file_id, field, turn, turn_id, offset, ordinal, at_ms, ${f}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    );
    this.insertFts = DOC_FIELDS.map((f) => db.prepare(`INSERT INTO docs (rowid, ${f}) VALUES (?, ?)`));
    // The FTS5 index holds no text (content=): to take a row out it is told what the row held.
    const unindex = (where: string) =>
      db.prepare(
        `INSERT INTO docs (docs, rowid, title, prompts, messages, commands, files)
         SELECT 'delete', rowid, title, prompts, messages, commands, files FROM doc_at WHERE ${where}`,
      );
    this.unindexFile = unindex('file_id = ?');
    this.unindexTitle = unindex('file_id = ? AND field = 0');
    this.deleteFile = db.prepare('DELETE FROM doc_at WHERE file_id = ?');
    this.deleteTitle = db.prepare('DELETE FROM doc_at WHERE file_id = ? AND field = 0');
    this.countFile = db.prepare('SELECT count(*) AS n FROM doc_at WHERE file_id = ?').pluck();
  }

  /** Adds the documents of `batch` to file `fileId`, in order. */
  insert(fileId: number, batch: DocBatch): void {
    const { nums, turnIds, texts } = batch;
    for (let i = 0; i < texts.length; i++) {
      const at = i * DOC_STRIDE;
      const field = nums[at] as number;
      const text = texts[i] as string;
      const rowid = (this.insertAt[field] as Database.Statement).run(
        fileId,
        field,
        nums[at + 1],
        turnIds[i] ?? null,
        nums[at + 2],
        orNull(nums[at + 3] as number),
        orNull(nums[at + 4] as number),
        text,
      ).lastInsertRowid;
      (this.insertFts[field] as Database.Statement).run(rowid, text);
    }
  }

  /** Takes every document of file `fileId` out. */
  removeFile(fileId: number): void {
    this.unindexFile.run(fileId);
    this.deleteFile.run(fileId);
  }

  /** Replaces the thread name's document of file `fileId`. */
  replaceTitle(fileId: number, name: string): void {
    this.unindexTitle.run(fileId);
    this.deleteTitle.run(fileId);
    const rowid = (this.insertAt[0] as Database.Statement).run(fileId, 0, 0, null, 0, null, null, name).lastInsertRowid;
    (this.insertFts[0] as Database.Statement).run(rowid, name);
  }

  count(fileId: number): number {
    return this.countFile.get(fileId) as number;
  }
}
