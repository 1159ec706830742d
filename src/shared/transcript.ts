// Wire shapes for a session's readable transcript, paged from its rollout file by byte offset. Schemas and types only.
import { z } from 'zod';
import { tokenUsageSchema } from './usage.js';

const base = {
  /** Byte offset of the rollout line this item comes from: a stable key, and what search hits point at. */
  offset: z.number().int().min(0),
  atIso: z.string().nullable(),
};

export const transcriptFileSchema = z.object({
  path: z.string(),
  change: z.string(),
  movePath: z.string().nullable(),
  diff: z.string(),
});

/** One thing a person reads: a prompt, a message, a command with its output, a file change, a tool, a turn's end. */
export const transcriptItemSchema = z.discriminatedUnion('kind', [
  /** `loop`: handed over through the Codex Pro Max loop rather than typed into Codex. */
  z.object({ kind: z.literal('prompt'), ...base, text: z.string(), via: z.enum(['typed', 'loop']) }),
  /** `conclusion`: what Codex handed back through the loop's submit_conclusion. */
  z.object({ kind: z.literal('message'), ...base, text: z.string(), conclusion: z.boolean() }),
  z.object({
    kind: z.literal('command'),
    ...base,
    command: z.string(),
    exitCode: z.number().nullable(),
    status: z.enum(['running', 'completed', 'failed', 'blocked']),
    /** Clipped to TRANSCRIPT_TEXT_LIMIT; `outputChars` is the whole length. */
    output: z.string(),
    outputChars: z.number().int(),
    durationMs: z.number().nullable(),
  }),
  z.object({ kind: z.literal('files'), ...base, status: z.enum(['applied', 'failed', 'blocked']), files: z.array(transcriptFileSchema) }),
  /** Any other tool: an MCP call, a web search, a plan. */
  z.object({ kind: z.literal('tool'), ...base, text: z.string(), detail: z.string() }),
  z.object({
    kind: z.literal('turn'),
    ...base,
    turnId: z.string().nullable(),
    outcome: z.enum(['completed', 'failed', 'interrupted']),
    error: z.string().nullable(),
    /** The turn's own tokens; null when this page cannot tell (older rollouts whose turn began on an earlier page). */
    tokens: tokenUsageSchema.nullable(),
    durationMs: z.number().nullable(),
  }),
  z.object({ kind: z.literal('note'), ...base, text: z.string() }),
]);
export type TranscriptItem = z.infer<typeof transcriptItemSchema>;
export type TranscriptFile = z.infer<typeof transcriptFileSchema>;

/** Outputs and diffs longer than this are clipped in a page (the Markdown export keeps them whole). */
export const TRANSCRIPT_TEXT_LIMIT = 8000;
export const TRANSCRIPT_PAGE_ITEMS = 60;

const offset = (name: string) =>
  z.coerce
    .number({ error: `"${name}" must be a byte offset.` })
    .int()
    .min(0, `"${name}" must be a byte offset.`)
    .optional();

/**
 * A page is the items of the whole lines in [start, end). No cursor: the newest page. `before`: the page ending at
 * that offset (a page's `start`). `after`: the page starting there (a page's `end`). `at`: a page around that line
 * (a search hit's offset). Pages never overlap and a line is never split, so items keep their place across pages.
 */
export const transcriptQuerySchema = z.object({
  before: offset('before'),
  after: offset('after'),
  at: offset('at'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type TranscriptQuery = z.infer<typeof transcriptQuerySchema>;

export const transcriptPageSchema = z.object({
  threadId: z.string(),
  items: z.array(transcriptItemSchema),
  start: z.number().int(),
  end: z.number().int(),
  /** The file's size when read (a last line still being written is left out, so `end` can stop short of it). */
  size: z.number().int(),
  hasEarlier: z.boolean(),
  hasLater: z.boolean(),
  /** The offset asked for with `at`, snapped to the start of its line. */
  anchor: z.number().int().nullable(),
});
export type TranscriptPage = z.infer<typeof transcriptPageSchema>;

/** Which export: the whole session, or its latest turn. */
export const transcriptExportQuerySchema = z.object({ scope: z.enum(['session', 'turn']).optional() });

/** "Continue here" from History: the prompt that continues the thread from the browser. */
export const continueThreadBodySchema = z.object({
  prompt: z.string().trim().min(1, 'Type the prompt that continues this session.').max(200_000),
});
export type ContinueThreadBody = z.infer<typeof continueThreadBodySchema>;
