// Typed ids and the rules for reading them from untrusted input. Types only plus pure parsers; no I/O.
import { z } from 'zod';

export type SessionId = string & { readonly __brand: 'SessionId' };
export type ThreadId = string & { readonly __brand: 'ThreadId' };
export type PromptId = string & { readonly __brand: 'PromptId' };
export type AttachmentId = string & { readonly __brand: 'AttachmentId' };
export type SlashPromptId = string & { readonly __brand: 'SlashPromptId' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const COMPACT_UUID = /^[0-9a-f]{32}$/;
// Codex thread ids are UUIDs, but names and other clients' ids also reach us; allow a safe token.
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** Normalises a Codex thread id (quotes, case, compact UUIDs) or returns null when it is not one. */
export function normalizeThreadId(raw: string): ThreadId | null {
  const trimmed = raw
    .trim()
    .replace(/^['"]|['"]$/g, '')
    .trim();
  const lower = trimmed.toLowerCase();
  if (UUID.test(lower)) return lower as ThreadId;
  if (COMPACT_UUID.test(lower)) {
    return `${lower.slice(0, 8)}-${lower.slice(8, 12)}-${lower.slice(12, 16)}-${lower.slice(16, 20)}-${lower.slice(20)}` as ThreadId;
  }
  return SAFE_ID.test(trimmed) ? (trimmed as ThreadId) : null;
}

export const threadIdSchema = z.string({ error: 'A Codex thread id is required.' }).transform((value, ctx) => {
  const id = normalizeThreadId(value);
  if (!id) {
    ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 80)}" is not a Codex thread id.` });
    return z.NEVER;
  }
  return id;
});

function uuidOf<T extends string>(label: string) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => UUID.test(v), { message: `${label} is not a valid id.` })
    .transform((v) => v as T);
}

export const sessionIdSchema = uuidOf<SessionId>('The session id');
export const promptIdSchema = uuidOf<PromptId>('The prompt id');
export const attachmentIdSchema = uuidOf<AttachmentId>('The attachment id');
export const slashPromptIdSchema = uuidOf<SlashPromptId>('The slash prompt id');
