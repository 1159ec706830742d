// Uploads land on disk under the session's folder; downloads are always served as inert files (never rendered).
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cleanFileName } from '../../delivery/attachment-names.js';
import { type AppError, BadRequest, DiskFull, NotFound, PayloadTooLarge, StorageNotWritable } from '../../errors.js';
import { dataFiles } from '../../settings.js';
import { api } from '../../shared/api.js';
import { type AttachmentId, attachmentIdSchema, sessionIdSchema } from '../../shared/ids.js';
import { type StoredAttachment, wireAttachment } from '../../store/attachments.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const INLINE_SAFE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

const sessionParams = z.object({ sessionId: sessionIdSchema });
const attachmentParams = z.object({ sessionId: sessionIdSchema, attachmentId: attachmentIdSchema });

/** A full or unwritable disk under the upload, as the error that says so (other errors pass through unchanged). */
function diskFault(error: unknown, dir: string): AppError | null {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DiskFull();
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new StorageNotWritable(dir, code);
  return null;
}

function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function attachmentRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { store, delivery } = ctx;

  serve(app, api.upload, async (req, reply) => {
    const { sessionId } = parse(sessionParams, req.params);
    delivery.summary(sessionId);
    // Without a boundary the parser cannot split the body, and it fails with an untyped error.
    if (!req.isMultipart() || !/;\s*boundary=[^;\s]/i.test(req.headers['content-type'] ?? '')) {
      throw new BadRequest('Upload the file as multipart/form-data with a field named "file".');
    }
    const file = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
    if (file?.fieldname !== 'file') throw new BadRequest('Upload the file as multipart/form-data with a field named "file".');
    const id = randomUUID() as AttachmentId;
    const wanted = cleanFileName(file.filename);
    const storedName = `${id}${extname(wanted)
      .replace(/[^A-Za-z0-9.]/g, '')
      .slice(0, 16)}`;
    const dir = dataFiles.attachments(ctx.settings.dataRoot, sessionId);
    const target = join(dir, storedName);
    let attachment: StoredAttachment;
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await pipeline(file.file, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
      if (file.file.truncated) throw new PayloadTooLarge(MAX_UPLOAD_BYTES);
      const { size } = await stat(target);
      const mimeType = /^[\w.+-]+\/[\w.+-]+$/.test(file.mimetype) ? file.mimetype.toLowerCase() : 'application/octet-stream';
      // Named only now, after the bytes arrived: the check and the insert run together, so parallel uploads of one name get (2), (3).
      attachment = delivery.addAttachment({ id, sessionId, wantedName: wanted, storedName, mimeType, sizeBytes: size });
    } catch (error) {
      // Also when the row could not be stored: a file no row points at would never be shown or deleted.
      await rm(target, { force: true });
      // The rest of a failed upload is never read, so this connection cannot carry another request.
      reply.header('connection', 'close');
      throw diskFault(error, dir) ?? error;
    }
    return { ok: true, attachment: wireAttachment(attachment) };
  });

  serve(app, api.listAttachments, async (req) => {
    const { sessionId } = parse(sessionParams, req.params);
    delivery.summary(sessionId);
    return { ok: true, attachments: store.attachments.list(sessionId).map(wireAttachment) };
  });

  serve(app, api.downloadAttachment, async (req, reply) => {
    const { sessionId, attachmentId } = parse(attachmentParams, req.params);
    const attachment = store.attachments.get(sessionId, attachmentId);
    if (!attachment) throw new NotFound('That attachment');
    const inline = (req.query as Record<string, unknown>).inline !== undefined && INLINE_SAFE.has(attachment.mimeType);
    reply
      .header('content-type', inline ? attachment.mimeType : 'application/octet-stream')
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', attachment.name))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store');
    try {
      await stat(attachment.path);
    } catch {
      throw new NotFound(`The file behind "${attachment.name}"`);
    }
    return reply.send(createReadStream(attachment.path));
  });

  serve(app, api.deleteAttachment, async (req) => {
    const { sessionId, attachmentId } = parse(attachmentParams, req.params);
    const attachment = delivery.removeAttachment(sessionId, attachmentId);
    await rm(attachment.path, { force: true });
    return { ok: true, deletedAttachment: wireAttachment(attachment) };
  });
}
