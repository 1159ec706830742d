// The session list's "next" cursor: the sort key of a page's last session, opaque to clients (base64url JSON) so its
// form can change without breaking them.
import { z } from 'zod';
import { BadRequest } from '../errors.js';
import type { SessionCursor } from '../store/sessions.js';

const cursorSchema = z.tuple([z.string(), z.string(), z.string()]);

export function encodeCursor(c: SessionCursor): string {
  return Buffer.from(JSON.stringify([c.lastActivityAt, c.createdAt, c.id])).toString('base64url');
}

export function decodeCursor(text: string): SessionCursor {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    raw = null;
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) throw new BadRequest('"after" must be the "next" cursor of the previous page of sessions.');
  const [lastActivityAt, createdAt, id] = parsed.data;
  return { lastActivityAt, createdAt, id };
}
