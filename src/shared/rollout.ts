// Wire shapes for what we read from a Codex rollout: usage, live activity, the file's location. Schemas only.
import { z } from 'zod';
import { tokenUsageSchema } from './usage.js';

export const rateLimitWindowSchema = z.object({
  usedPercent: z.number(),
  windowMinutes: z.number().nullable(),
  resetsAtIso: z.string().nullable(),
});
export type RateLimitWindow = z.infer<typeof rateLimitWindowSchema>;

export const usageSnapshotSchema = z.object({
  /** Tokens in the context window now (the last model call's total), its size, and the share used. */
  context: z.object({ used: z.number(), window: z.number().nullable(), percent: z.number().nullable() }).nullable(),
  /** The latest turn's tokens (summed over its model calls) and the thread's running total. */
  lastTurn: tokenUsageSchema.nullable(),
  total: tokenUsageSchema.nullable(),
  rateLimits: z.object({
    fiveHour: rateLimitWindowSchema.nullable(),
    weekly: rateLimitWindowSchema.nullable(),
    planType: z.string().nullable(),
    reachedType: z.string().nullable(),
  }),
  updatedAtIso: z.string().nullable(),
});
export type UsageSnapshot = z.infer<typeof usageSnapshotSchema>;

const base = { id: z.string(), atIso: z.string().nullable() };
const status = z.enum(['in_progress', 'completed', 'failed', 'declined']).nullable();

export const activityItemSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('user'), text: z.string() }),
  z.object({ ...base, kind: z.literal('message'), text: z.string() }),
  z.object({ ...base, kind: z.literal('reasoning'), text: z.string() }),
  z.object({
    ...base,
    kind: z.literal('command'),
    command: z.string(),
    cwd: z.string().nullable(),
    exitCode: z.number().nullable(),
    output: z.string(),
    status,
    durationMs: z.number().nullable(),
  }),
  z.object({
    ...base,
    kind: z.literal('file_change'),
    files: z.array(z.object({ path: z.string(), change: z.string(), movePath: z.string().nullable(), diff: z.string() })),
    status,
  }),
  z.object({
    ...base,
    kind: z.literal('mcp'),
    server: z.string(),
    tool: z.string(),
    arguments: z.string(),
    result: z.string(),
    error: z.string().nullable(),
    status,
  }),
  z.object({ ...base, kind: z.literal('web_search'), query: z.string() }),
  z.object({
    ...base,
    kind: z.literal('plan'),
    explanation: z.string().nullable(),
    steps: z.array(z.object({ step: z.string(), status: z.string() })),
  }),
  z.object({ ...base, kind: z.literal('tool'), name: z.string(), input: z.string(), output: z.string().nullable() }),
  z.object({
    ...base,
    kind: z.literal('task'),
    event: z.enum(['started', 'completed', 'failed', 'aborted', 'compacted', 'error']),
    text: z.string().nullable(),
  }),
]);
export type ActivityItem = z.infer<typeof activityItemSchema>;

export const turnInfoSchema = z.object({
  /** Codex's turn id, or `@<byte offset>` for old rollouts that have none. */
  key: z.string(),
  startedAtIso: z.string().nullable(),
  completedAtIso: z.string().nullable(),
  state: z.enum(['running', 'completed', 'failed', 'aborted']),
});
export type TurnInfo = z.infer<typeof turnInfoSchema>;

export const activitySnapshotSchema = z.object({ turn: turnInfoSchema.nullable(), items: z.array(activityItemSchema) });
export type ActivitySnapshot = z.infer<typeof activitySnapshotSchema>;

export const rolloutLocationSchema = z.object({
  ok: z.literal(true),
  codexThreadId: z.string(),
  rolloutPath: z.string(),
  session: z.object({ fileName: z.string(), sizeBytes: z.number(), createdAtIso: z.string().nullable(), updatedAtIso: z.string() }),
});
export type RolloutLocation = z.infer<typeof rolloutLocationSchema>;

/** A command Codex ran on the way to a conclusion; `blocked` when the sandbox or the approval settings refused it. */
export const workCommandSchema = z.object({
  command: z.string(),
  exitCode: z.number().nullable(),
  status: z.enum(['completed', 'failed', 'blocked', 'running']),
  output: z.string(),
});
export type WorkCommand = z.infer<typeof workCommandSchema>;

export const workFileSchema = z.object({
  path: z.string(),
  change: z.string(),
  movePath: z.string().nullable(),
  diff: z.string(),
  status: z.enum(['applied', 'failed', 'blocked']),
});
export type WorkFile = z.infer<typeof workFileSchema>;

/** How one exchange (prompt → work → conclusion) ended. */
export const exchangeOutcomeSchema = z.enum(['concluded', 'interrupted', 'failed', 'in_progress', 'ended']);
export type ExchangeOutcome = z.infer<typeof exchangeOutcomeSchema>;

/** What Codex did between handing over a prompt and its conclusion, keyed by the timeline entry it belongs under. */
export const entryWorkSchema = z.object({
  /** The conclusion's timeline entry, or the prompt's when the turn ended without one. */
  entryId: z.string(),
  /** The prompt this work answered, when it came from the timeline (a driven turn names it too). */
  promptId: z.string().nullable(),
  outcome: exchangeOutcomeSchema,
  error: z.string().nullable(),
  commands: z.array(workCommandSchema),
  files: z.array(workFileSchema),
  /** Other tools (MCP servers, web searches), one line each. */
  tools: z.array(z.string()),
  tokens: tokenUsageSchema.nullable(),
});
export type EntryWork = z.infer<typeof entryWorkSchema>;
