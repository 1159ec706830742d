// Attachment metadata; the bytes live on disk under <root>/attachments/<sessionId>/<storedName>.
import type { AttachmentId, SessionId } from '../shared/ids.js';
import type { Attachment } from '../shared/schemas.js';
import { type Db, nowIso, type Sql, statements } from './db.js';

interface AttachmentRow {
  id: string;
  session_id: string;
  name: string;
  stored_name: string;
  mime_type: string;
  size_bytes: number;
  created_at: string;
}

export interface StoredAttachment extends Attachment {
  storedName: string;
}

export interface StoredAttachmentInput {
  id: AttachmentId;
  sessionId: SessionId;
  name: string;
  storedName: string;
  mimeType: string;
  sizeBytes: number;
}

/** The attachment as every answer and push shows it: the name on disk is the server's business. */
export function wireAttachment({ storedName: _, ...attachment }: StoredAttachment): Attachment {
  return attachment;
}

export class AttachmentRepo {
  private readonly sql: Sql;

  constructor(
    db: Db,
    private readonly dirOf: (sessionId: SessionId) => string,
  ) {
    this.sql = statements(db);
  }

  private toAttachment = (r: AttachmentRow): StoredAttachment => ({
    id: r.id as AttachmentId,
    sessionId: r.session_id as SessionId,
    name: r.name,
    storedName: r.stored_name,
    mimeType: r.mime_type,
    sizeBytes: r.size_bytes,
    path: `${this.dirOf(r.session_id as SessionId)}/${r.stored_name}`.replace(/\\/g, '/'),
    createdAt: r.created_at,
  });

  insert(a: StoredAttachmentInput): StoredAttachment {
    this.sql(
      'INSERT INTO attachments (id, session_id, name, stored_name, mime_type, size_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(a.id, a.sessionId, a.name, a.storedName, a.mimeType, a.sizeBytes, nowIso());
    return this.get(a.sessionId, a.id) as StoredAttachment;
  }

  get(sessionId: SessionId, id: AttachmentId): StoredAttachment | null {
    const row = this.sql('SELECT * FROM attachments WHERE id = ? AND session_id = ?').get(id, sessionId) as AttachmentRow | undefined;
    return row ? this.toAttachment(row) : null;
  }

  list(sessionId: SessionId): StoredAttachment[] {
    return (this.sql('SELECT * FROM attachments WHERE session_id = ? ORDER BY created_at, rowid').all(sessionId) as AttachmentRow[]).map(
      this.toAttachment,
    );
  }

  names(sessionId: SessionId): Set<string> {
    return new Set((this.sql('SELECT name FROM attachments WHERE session_id = ?').all(sessionId) as { name: string }[]).map((r) => r.name));
  }

  delete(sessionId: SessionId, id: AttachmentId): boolean {
    return this.sql('DELETE FROM attachments WHERE id = ? AND session_id = ?').run(id, sessionId).changes > 0;
  }
}
