// Error answers on the wire: {ok:false, error, code}. `error` is for people; `code` is the stable part clients branch on.
import { z } from 'zod';

/** Every machine code an error answer can carry. Clients branch on these, never on status numbers. */
export const ERROR_CODES = [
  // the request itself
  'bad_request',
  'invalid_json',
  'empty_body',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'rate_limited',
  // what it asked for
  'not_found',
  'session_not_found',
  'rollout_not_found',
  'nothing_to_export',
  'conflict',
  'already_exists',
  'queue_full',
  'prompt_not_editable',
  'drive_refused',
  'codex_unavailable',
  // live threads (the Codex daemon)
  'not_live',
  'no_active_turn',
  'approval_closed',
  'daemon_unavailable',
  // pairing a phone
  'pairing_invalid',
  'pairing_rate_limited',
  'pairing_needs_owner',
  // History (the index of every rollout)
  'history_unavailable',
  'history_session_not_found',
  // carrying a conversation's context on (src/shared/context.ts)
  'context_too_large',
  'grooming_failed',
  // the server's own state
  'database_gone',
  'database_read_only',
  'database_io_error',
  'disk_full',
  'storage_not_writable',
  'unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const errorCodeSchema = z.enum(ERROR_CODES);

/** Decoded leniently (any string code), so a client never fails on a code newer than itself. */
export const errorAnswerSchema = z.object({ ok: z.literal(false), error: z.string(), code: z.string() });
export type ErrorAnswer = z.infer<typeof errorAnswerSchema>;

/**
 * Codes meaning "the server cannot save anything until the person fixes its disk or data folder". Retrying does not
 * help and the UI keeps a banner up; a server restart (which answers 503 without a code) is not one of them.
 */
export const storageFaultCodeSchema = z.enum([
  'database_gone',
  'database_read_only',
  'database_io_error',
  'disk_full',
  'storage_not_writable',
]);
export type StorageFaultCode = z.infer<typeof storageFaultCodeSchema>;

/** /api/health's `storage`: whether writes are being saved, and if not, why (the UI shows `error` in a banner). */
export const storageStatusSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: storageFaultCodeSchema, error: z.string() }),
]);
export type StorageStatus = z.infer<typeof storageStatusSchema>;
