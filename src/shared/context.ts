// Wire shapes for carrying a conversation's context on (context grooming): what a preview is asked for and answers,
// starting a session from it, the links between a session and its sources, and the endpoints. Besides schemas it holds
// the two texts the person is shown as they are sent (the grooming prompt, the lead of a carried prompt) and the one
// token estimate both sides count with.
import { z } from 'zod';
import type { Endpoint } from './api.js';
import { approvalPolicySchema, driveSandboxSchema } from './drive.js';
import { sessionSummarySchema } from './schemas.js';

/**
 * Tokens in `text`, estimated as one per four characters: the usual rule of thumb for English text and code with the
 * tokenizers Codex's models use. It runs a little low on dense code and non-Latin scripts, so figures made with it are
 * always shown as estimates; a groomed document is counted from the grooming turn's usage instead.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The fixed prompt of a grooming turn: Codex reads the material after it and answers with the document. */
export const GROOMING_PROMPT = [
  'You are preparing a hand-over document so that a new Codex session can carry on this work without the original conversation.',
  'Below is material from one or more earlier Codex sessions (each source is named).',
  'Write a Markdown document with exactly these sections:',
  '## Goal — what the person is trying to achieve.',
  '## Decisions made — choices already settled, and why.',
  '## Files touched — each file created, changed or deleted, with a few words on what changed.',
  '## Open problems — what is unfinished, failing or still unclear.',
  '## Last state — where the work stood at the end, and the next step.',
  'When there are several sources, say which source each point comes from.',
  'Be concise and concrete; keep paths, commands and error messages exact. Do not run commands or change files.',
  'Answer with the document only.',
].join('\n');

/** What a carried prompt starts with, before the context document. */
export const CARRY_LEAD = 'Context carried over from earlier Codex sessions (read it first; the task follows it):';

/** The first prompt of a session started from a context document: the lead, the document, then the person's prompt. */
export function carriedPrompt(document: string, prompt: string): string {
  return `${CARRY_LEAD}\n\n${document.trimEnd()}\n\n---\n\n## Your task now\n\n${prompt.trim()}`;
}

export const CONTEXT_FORMS = ['verbatim', 'groomed', 'fork'] as const;
/** verbatim: the readable transcript within a budget; groomed: condensed by Codex; fork: Codex's own thread copied. */
export const contextFormSchema = z.enum(CONTEXT_FORMS, { error: 'form is "verbatim", "groomed" or "fork".' });
export type ContextForm = z.infer<typeof contextFormSchema>;

export const MIN_BUDGET = 200;
export const MAX_BUDGET = 1_000_000;
export const DEFAULT_BUDGET = 20_000;

/** One source: a session of ours or any thread History knows, optionally only turns `fromTurn`..`toTurn` (1-based). */
export const contextSourceSchema = z
  .object({
    sessionId: z.string().trim().min(1).max(100).optional(),
    threadId: z.string().trim().min(1).max(100).optional(),
    fromTurn: z.number().int().min(1).optional(),
    toTurn: z.number().int().min(1).optional(),
  })
  .refine((s) => (s.sessionId ? 1 : 0) + (s.threadId ? 1 : 0) === 1, 'Name each source by "sessionId" or by "threadId".')
  .refine((s) => !s.fromTurn || !s.toTurn || s.fromTurn <= s.toTurn, '"fromTurn" must not come after "toTurn".');
export type ContextSource = z.infer<typeof contextSourceSchema>;

export const contextPreviewBodySchema = z
  .object({
    sources: z.array(contextSourceSchema).min(1, 'Pick at least one session.').max(8, 'Carry on at most 8 sessions at once.'),
    form: contextFormSchema.default('verbatim'),
    /** The most tokens of transcript read from the sources (verbatim: the document's size; groomed: what Codex reads). */
    budgetTokens: z.number().int().min(MIN_BUDGET).max(MAX_BUDGET).default(DEFAULT_BUDGET),
  })
  .refine((b) => b.form !== 'fork' || b.sources.length === 1, 'A fork copies one thread: pick exactly one session.');
export type ContextPreviewBody = z.infer<typeof contextPreviewBodySchema>;

export const namedSourceSchema = z.object({
  sessionId: z.string().nullable(),
  threadId: z.string().nullable(),
  title: z.string(),
});
export type NamedSource = z.infer<typeof namedSourceSchema>;

export const contextTokensSchema = z.object({
  /** Tokens the new session's first request would hold (document or forked history), before the person's prompt. */
  count: z.number().int(),
  /** True when `count` is the chars/4 estimate; false when Codex reported it (a grooming turn's or the thread's usage). */
  estimated: z.boolean(),
  /** The model's context window as Codex reported it for the sources; null when no source says. */
  contextWindow: z.number().int().nullable(),
});
export type ContextTokens = z.infer<typeof contextTokensSchema>;

export const contextPreviewSchema = z.object({
  /** Pass it to start; kept in memory for an hour (a restart forgets it). */
  id: z.string(),
  form: contextFormSchema,
  /** The Markdown document (for a fork: the thread's transcript to read; the fork itself copies Codex's history). */
  document: z.string(),
  sources: z.array(namedSourceSchema),
  tokens: contextTokensSchema,
  /** Items left out to stay within the budget (verbatim and what a grooming turn read). */
  omittedItems: z.number().int(),
  /** For a groomed document: the prompt Codex was given and which engine ran it. */
  groomingPrompt: z.string().nullable(),
  engine: z.enum(['daemon', 'exec']).nullable(),
  /** The folder the first source ran in (the new session's default). */
  cwd: z.string().nullable(),
});
export type ContextPreview = z.infer<typeof contextPreviewSchema>;

export const contextStartBodySchema = z.object({
  previewId: z.string().trim().min(1, 'Make a preview first.').max(100),
  prompt: z.string().trim().min(1, 'Type what the new session should do.').max(4_000_000),
  /** The new session's folder (default: the first source's); a fork always runs in its source's folder unless given. */
  cwd: z.string().trim().min(1).max(4096).optional(),
  title: z.string().trim().max(200).optional(),
  model: z.string().trim().min(1).max(200).nullable().optional(),
  sandbox: driveSandboxSchema.default('workspace-write'),
  approvalPolicy: approvalPolicySchema.default('never'),
});
export type ContextStartBody = z.infer<typeof contextStartBodySchema>;

/** A session carried on from others: how, and from which sources. */
export const contextLinkSchema = z.object({
  sessionId: z.string(),
  sessionTitle: z.string(),
  form: contextFormSchema,
  sources: z.array(namedSourceSchema),
  createdAt: z.string(),
});
export type ContextLink = z.infer<typeof contextLinkSchema>;

export const contextLinksQuerySchema = z
  .object({ sessionId: z.string().min(1).max(100).optional(), threadId: z.string().min(1).max(100).optional() })
  .refine((q) => q.sessionId || q.threadId, 'Ask with "sessionId" or "threadId".');

export const contextLinksSchema = z.object({
  /** Where this session's context came from (null: it was started afresh). */
  carriedFrom: contextLinkSchema.nullable(),
  /** Sessions that carried this one's context on, newest first. */
  carriedOn: z.array(contextLinkSchema),
});
export type ContextLinks = z.infer<typeof contextLinksSchema>;

const ok = <S extends z.ZodRawShape>(shape: S) => z.object({ ok: z.literal(true), ...shape });

export const contextEndpoints = {
  /** The context document for the sources in the form asked for, with its token count and the context window. */
  contextPreview: {
    method: 'POST',
    path: '/api/context/preview',
    body: contextPreviewBodySchema,
    response: ok({ preview: contextPreviewSchema, fits: z.boolean() }),
    errors: ['session_not_found', 'rollout_not_found', 'drive_refused', 'codex_unavailable', 'daemon_unavailable', 'grooming_failed'],
  },
  /** A new driven session whose first prompt is the document plus `prompt`, or a fork of the source thread. */
  contextStart: {
    method: 'POST',
    path: '/api/context/start',
    body: contextStartBodySchema,
    response: ok({ session: sessionSummarySchema }),
    status: 201,
    errors: ['not_found', 'context_too_large', 'codex_unavailable', 'daemon_unavailable', 'drive_refused'],
  },
  /** Where a session (or a History thread) was carried from and on to. */
  contextLinks: {
    method: 'GET',
    path: '/api/context/links',
    query: contextLinksQuerySchema,
    response: ok({ links: contextLinksSchema }),
    errors: [],
  },
} as const satisfies Record<string, Endpoint>;
