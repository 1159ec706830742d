// Wire shapes of drive mode (we run `codex exec --json`): settings, turns, the events Codex emitted, usage.
// Zod schemas and their types only; decoded by the server on input and by the UI on what it receives.
import { z } from 'zod';
import type { PromptId, SessionId, ThreadId } from './ids.js';
import { tokenUsageSchema } from './usage.js';

export type TurnId = string & { readonly __brand: 'TurnId' };

export const DRIVE_SANDBOXES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
export const driveSandboxSchema = z.enum(DRIVE_SANDBOXES, {
  error: 'The sandbox must be "read-only", "workspace-write" or "danger-full-access" (full access).',
});
export type DriveSandbox = z.infer<typeof driveSandboxSchema>;

export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high', 'xhigh'] as const;
export const reasoningEffortSchema = z.enum(REASONING_EFFORTS, {
  error: 'The reasoning effort must be one of minimal, low, medium, high or xhigh.',
});
export type ReasoningEffort = z.infer<typeof reasoningEffortSchema>;

// A model slug goes to Codex as one argument; keep it to the characters slugs use so it can never read as a flag.
const modelSchema = z
  .string()
  .trim()
  .max(100)
  .regex(/^[A-Za-z0-9][\w.:/-]*$/, 'The model name may use letters, digits, ".", "-", "_", ":" and "/" only.');

/** never: Codex never asks and stays inside its sandbox; on-request: it asks when it needs to, and the browser answers. */
export const approvalPolicySchema = z.enum(['never', 'on-request'], { error: 'approvalPolicy is "never" or "on-request".' });
export type DriveApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/** Where a driven turn ran: inside Codex's background service (the daemon) or as its own `codex exec` process. */
export const driveEngineSchema = z.enum(['daemon', 'exec']);
export type DriveEngine = z.infer<typeof driveEngineSchema>;

export const driveSettingsSchema = z.object({
  cwd: z.string(),
  model: z.string().nullable(),
  effort: reasoningEffortSchema.nullable(),
  sandbox: driveSandboxSchema,
  approvalPolicy: approvalPolicySchema.default('never'),
});
export type DriveSettings = z.infer<typeof driveSettingsSchema>;

const itemStatus = z.string().nullable();

/** One ThreadItem of `codex exec --json`, normalised; unknown item types arrive as `other` with the raw JSON. */
export const driveItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('agent_message'), id: z.string(), text: z.string() }),
  z.object({ type: z.literal('reasoning'), id: z.string(), text: z.string() }),
  z.object({
    type: z.literal('command_execution'),
    id: z.string(),
    command: z.string(),
    output: z.string(),
    exitCode: z.number().nullable(),
    status: itemStatus,
  }),
  z.object({
    type: z.literal('file_change'),
    id: z.string(),
    changes: z.array(z.object({ path: z.string(), kind: z.string() })),
    status: itemStatus,
  }),
  z.object({
    type: z.literal('mcp_tool_call'),
    id: z.string(),
    server: z.string(),
    tool: z.string(),
    arguments: z.unknown(),
    result: z.unknown(),
    error: z.string().nullable(),
    status: itemStatus,
  }),
  z.object({ type: z.literal('web_search'), id: z.string(), query: z.string(), action: z.unknown() }),
  z.object({ type: z.literal('todo_list'), id: z.string(), items: z.array(z.object({ text: z.string(), completed: z.boolean() })) }),
  z.object({ type: z.literal('plan'), id: z.string(), text: z.string() }),
  z.object({ type: z.literal('error'), id: z.string(), message: z.string() }),
  z.object({ type: z.literal('other'), id: z.string(), itemType: z.string(), raw: z.unknown() }),
]);
export type DriveItem = z.infer<typeof driveItemSchema>;

/** What one JSONL line (or the process around it) meant, in order within a turn. */
export const driveEventBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('thread_started'), threadId: z.string() }),
  z.object({ kind: z.literal('turn_started') }),
  z.object({ kind: z.literal('item'), phase: z.enum(['started', 'updated', 'completed']), item: driveItemSchema }),
  /** `usage` is the thread's running total (exec), or this turn's own share when `scope` is "turn" (daemon). */
  z.object({ kind: z.literal('turn_completed'), usage: tokenUsageSchema, scope: z.enum(['thread', 'turn']).optional() }),
  z.object({ kind: z.literal('turn_failed'), message: z.string() }),
  z.object({ kind: z.literal('error'), message: z.string() }),
  /** A line we could not read or an event type this version does not know: shown, never fatal. */
  z.object({ kind: z.literal('unknown'), type: z.string(), raw: z.unknown() }),
  /** The process ended: exit code or signal, and whether the person interrupted it. */
  z.object({ kind: z.literal('exited'), code: z.number().nullable(), signal: z.string().nullable(), interrupted: z.boolean() }),
]);
export type DriveEventBody = z.infer<typeof driveEventBodySchema>;

export const driveEventSchema = z.intersection(z.object({ seq: z.number().int(), at: z.string() }), driveEventBodySchema);
export type DriveEvent = z.infer<typeof driveEventSchema>;

export const TURN_STATUSES = ['starting', 'running', 'completed', 'failed', 'interrupted'] as const;
export const turnStatusSchema = z.enum(TURN_STATUSES);
export type TurnStatus = z.infer<typeof turnStatusSchema>;

export const driveTurnSchema = z.object({
  id: z.string().transform((v) => v as TurnId),
  sessionId: z.string().transform((v) => v as SessionId),
  threadId: z
    .string()
    .nullable()
    .transform((v) => v as ThreadId | null),
  promptId: z
    .string()
    .nullable()
    .transform((v) => v as PromptId | null),
  prompt: z.string(),
  images: z.array(z.string()),
  status: turnStatusSchema,
  engine: driveEngineSchema.default('exec'),
  /** The plain explanation of a failure (also the session's statusDetail). */
  error: z.string().nullable(),
  exitCode: z.number().nullable(),
  usage: tokenUsageSchema.nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type DriveTurn = z.infer<typeof driveTurnSchema>;

export const driveTurnWithEventsSchema = driveTurnSchema.extend({ events: z.array(driveEventSchema) });
export type DriveTurnWithEvents = z.infer<typeof driveTurnWithEventsSchema>;

/** GET /api/sessions/:id/drive */
export const driveSnapshotSchema = z.object({
  settings: driveSettingsSchema.nullable(),
  turns: z.array(driveTurnWithEventsSchema),
  usage: tokenUsageSchema,
  running: z.boolean(),
});
export type DriveSnapshot = z.infer<typeof driveSnapshotSchema>;

// ---- request bodies ----

const prompt = z
  .string({ error: 'The "prompt" field must be text.' })
  .max(1_000_000, 'The prompt is longer than 1,000,000 characters.')
  .refine((v) => v.trim().length > 0, { message: 'The prompt is empty: type something first.' });

export const newDriveSessionBodySchema = z.object(
  {
    prompt,
    cwd: z.string({ error: 'Choose a working directory ("cwd").' }).trim().min(1, 'Choose a working directory ("cwd").').max(4096),
    model: modelSchema.optional().nullable(),
    effort: reasoningEffortSchema.optional().nullable(),
    sandbox: driveSandboxSchema.default('workspace-write'),
    approvalPolicy: approvalPolicySchema.default('never'),
    /** Attachment ids or absolute image paths. */
    images: z.array(z.string().trim().min(1).max(4096)).max(20, 'Attach at most 20 images.').default([]),
    title: z.string().trim().max(200).optional(),
  },
  { error: 'The request body must be a JSON object with "prompt" and "cwd".' },
);
export type NewDriveSessionBody = z.infer<typeof newDriveSessionBodySchema>;

/** A new session run inside the Codex daemon: the drive options plus when Codex asks before acting. */
export const newLiveSessionBodySchema = newDriveSessionBodySchema.extend({
  approvalPolicy: approvalPolicySchema.default('on-request'),
});
export type NewLiveSessionBody = z.infer<typeof newLiveSessionBodySchema>;

export const driveSettingsPatchSchema = z.object({
  model: modelSchema.nullable().optional(),
  effort: reasoningEffortSchema.nullable().optional(),
  sandbox: driveSandboxSchema.optional(),
  approvalPolicy: approvalPolicySchema.optional(),
});

export const queueManyBodySchema = z.union(
  [
    z.object({ contents: z.array(prompt).min(1, 'Nothing to queue.').max(100, 'Queue at most 100 prompts at once.') }),
    z.object({ checklist: z.string().max(1_000_000) }),
  ],
  { error: 'The request body must be {"contents": ["...", ...]} or {"checklist": "- [ ] a\\n- [ ] b"}.' },
);
