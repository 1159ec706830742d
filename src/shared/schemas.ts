// Wire shapes shared by the server, the UI, the CLI and the MCP server. Zod schemas and their types only.
import { z } from 'zod';
import type { AttachmentId, PromptId, SessionId, SlashPromptId, ThreadId } from './ids.js';
import { liveInfoSchema } from './live.js';

export const SESSION_STATUSES = ['RUNNING', 'WAITING_FOR_INSTRUCTION', 'STOPPED', 'ERROR'] as const;
export const sessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

const sessionId = z.string().transform((v) => v as SessionId);
const threadId = z.string().transform((v) => v as ThreadId);
const promptId = z.string().transform((v) => v as PromptId);
const attachmentId = z.string().transform((v) => v as AttachmentId);
const slashPromptId = z.string().transform((v) => v as SlashPromptId);

/**
 * Whether a Codex is there to take this session's prompts: `connected` (alive, working), `waiting` (a wait is open),
 * `gone` (it ended or left the loop), `unknown` (not heard from since this server started; drive mode, which starts
 * Codex itself, always says `unknown`). Kept apart from `status`, which says where the conversation is.
 */
export const PRESENCES = ['connected', 'waiting', 'gone', 'unknown'] as const;
export const presenceSchema = z.enum(PRESENCES);
export type Presence = z.infer<typeof presenceSchema>;

/** How a session is connected to Codex: Codex attached itself (MCP/skill) or we drive `codex exec`. */
export const sessionKindSchema = z.enum(['attached', 'driven']);
export type SessionKind = z.infer<typeof sessionKindSchema>;

export const sessionSummarySchema = z.object({
  id: sessionId,
  threadId: threadId.nullable(),
  kind: sessionKindSchema,
  title: z.string(),
  titleSource: z.enum(['default', 'codex', 'conclusion', 'prompt', 'user']),
  status: sessionStatusSchema,
  statusDetail: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastActivityAt: z.string(),
  latestConclusion: z.string().nullable(),
  unread: z.boolean(),
  queuedCount: z.number().int(),
  attachmentCount: z.number().int(),
  rolloutPath: z.string().nullable(),
  cwd: z.string().nullable(),
  presence: presenceSchema,
  /** Present when the Codex daemon has (or had) this session's thread loaded: a live thread. */
  live: liveInfoSchema.nullable(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const timelineEntrySchema = z.object({
  id: z.string(),
  sessionId,
  seq: z.number().int(),
  role: z.enum(['user', 'codex']),
  content: z.string(),
  createdAt: z.string(),
  promptId: promptId.nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** queued: editable; handing: being written to a waiter; handed: Codex got it, not yet acknowledged; delivered: done. */
export const promptStateSchema = z.enum(['queued', 'handing', 'handed', 'delivered']);
export type PromptState = z.infer<typeof promptStateSchema>;

export const promptSchema = z.object({
  id: promptId,
  sessionId,
  content: z.string(),
  state: promptStateSchema,
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  handedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type Prompt = z.infer<typeof promptSchema>;

export const attachmentSchema = z.object({
  id: attachmentId,
  sessionId,
  name: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  path: z.string(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const slashPromptSchema = z.object({
  id: slashPromptId,
  name: z.string(),
  content: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SlashPrompt = z.infer<typeof slashPromptSchema>;

export const sessionDetailSchema = sessionSummarySchema.extend({
  timeline: z.array(timelineEntrySchema),
  queue: z.array(promptSchema),
  attachments: z.array(attachmentSchema),
});
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

/** What Codex receives: `content` carries the prompt plus the absolute paths of mentioned attachments. */
export const deliveredPromptSchema = z.object({
  id: promptId,
  content: z.string(),
  text: z.string(),
  attachments: z.array(z.object({ id: attachmentId, name: z.string(), path: z.string(), mimeType: z.string() })),
});
export type DeliveredPrompt = z.infer<typeof deliveredPromptSchema>;

export const waitStatusSchema = z.enum(['instruction', 'stopped', 'no_instruction_yet']);
export type WaitStatus = z.infer<typeof waitStatusSchema>;

export const waitResultSchema = z.object({
  ok: z.literal(true),
  status: waitStatusSchema,
  instruction: deliveredPromptSchema.nullable(),
  message: z.string(),
  timedOut: z.boolean(),
  stopped: z.boolean(),
  session: sessionSummarySchema.nullable(),
});
export type WaitResult = z.infer<typeof waitResultSchema>;

// ---- request bodies ----

const MAX_TEXT = 1_000_000;

export const contentBodySchema = z.object(
  {
    content: z
      .string({ error: 'The "content" field must be text.' })
      .max(MAX_TEXT, 'The text is longer than 1,000,000 characters.')
      .refine((v) => v.trim().length > 0, { message: 'The "content" field is empty: type something first.' }),
  },
  { error: 'The request body must be a JSON object with a "content" field.' },
);

export const createByThreadBodySchema = z
  .object({
    title: z.string().trim().max(200).optional(),
    displayName: z.string().trim().max(200).optional(),
  })
  .default({});

/** A conclusion; `requestId`, chosen by the sender and kept across its retries, makes storing it idempotent. */
export const conclusionBodySchema = contentBodySchema.extend({
  requestId: z.string().min(1).max(100, 'The "requestId" field is longer than 100 characters.').optional(),
});

export const waitBodySchema = z
  .object({
    timeoutMs: z.coerce.number().int().min(0).max(3_600_000).optional(),
    acknowledge: z.string().optional(),
  })
  .default({});

export const renameBodySchema = z.object(
  { title: z.string().trim().min(1, 'The title is empty.').max(200, 'Titles are at most 200 characters.') },
  { error: 'The request body must be a JSON object with a "title" field.' },
);

export const reorderBodySchema = z.object(
  { order: z.array(z.string()).max(1000) },
  { error: 'The request body must be {"order": [prompt ids, first to last]}.' },
);

export const SLASH_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const slashPromptBodySchema = z.object(
  {
    name: z
      .string({ error: 'A slash prompt needs a name.' })
      .trim()
      .toLowerCase()
      .regex(SLASH_NAME, 'Slash prompt names use 1-64 lowercase letters, digits, "-" or "_", starting with a letter or digit.'),
    content: contentBodySchema.shape.content,
  },
  { error: 'The request body must be a JSON object with "name" and "content".' },
);
export const slashPromptPatchSchema = slashPromptBodySchema.partial();
