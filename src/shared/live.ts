// Wire shapes for live threads: Codex threads the local app-server daemon has loaded, which we watch and act on.
// Schemas and their types only; what the daemon itself sends is decoded in src/codex/app-server.
import { z } from 'zod';
import { activityItemSchema } from './rollout.js';

/** What a live thread is doing, in the words the UI shows: working, waiting for approval, waiting for you, gone. */
export const liveStatusSchema = z.enum(['working', 'needs_approval', 'idle', 'closed', 'error']);
export type LiveStatus = z.infer<typeof liveStatusSchema>;

/** A session's live side: present while the daemon knows its thread (and kept as `closed` once it unloads it). */
export const liveInfoSchema = z.object({
  status: liveStatusSchema,
  /** The turn running now, for steering and interrupting. */
  turnId: z.string().nullable(),
  model: z.string().nullable(),
  /** Who started the thread, as Codex records it (`codex-tui`, `codex_exec`, `codex-pro-max`, an IDE…). */
  originator: z.string().nullable(),
  pendingApprovals: z.number().int(),
  updatedAt: z.string(),
});
export type LiveInfo = z.infer<typeof liveInfoSchema>;

export const APPROVAL_KINDS = ['command', 'file_change', 'permissions', 'user_input', 'elicitation'] as const;
export const approvalKindSchema = z.enum(APPROVAL_KINDS);
export type ApprovalKind = z.infer<typeof approvalKindSchema>;

/** One answer the request offers; `id` is what the browser sends back. */
export const approvalChoiceSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** accept-like choices are shown first and styled as the main action. */
  tone: z.enum(['accept', 'decline', 'neutral']),
});
export type ApprovalChoice = z.infer<typeof approvalChoiceSchema>;

/** A question of a request-user-input request; `options` empty means free text. */
export const approvalQuestionSchema = z.object({
  id: z.string(),
  header: z.string(),
  question: z.string(),
  options: z.array(z.object({ label: z.string(), description: z.string() })),
  secret: z.boolean(),
  /** Besides its options, the question takes an answer in the person's own words. */
  other: z.boolean().optional(),
});
export type ApprovalQuestion = z.infer<typeof approvalQuestionSchema>;

export const approvalStateSchema = z.enum(['open', 'answered', 'resolved_elsewhere', 'expired']);
export type ApprovalState = z.infer<typeof approvalStateSchema>;

export const approvalSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  threadId: z.string(),
  turnId: z.string().nullable(),
  kind: approvalKindSchema,
  /** One plain line: what Codex wants to do. */
  title: z.string(),
  command: z.string().nullable(),
  cwd: z.string().nullable(),
  reason: z.string().nullable(),
  /** For a file change: the unified diff of what it would write, when the daemon has told us. */
  diff: z.string().nullable(),
  choices: z.array(approvalChoiceSchema),
  questions: z.array(approvalQuestionSchema),
  /** For an MCP elicitation form: the JSON schema of what it asks for. */
  formSchema: z.unknown().nullable(),
  state: approvalStateSchema,
  /** The choice made here, when it was made here. */
  answer: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type Approval = z.infer<typeof approvalSchema>;

/** What the person sends back: a choice id, plus answers for questions or the content of a form. */
export const approvalAnswerBodySchema = z.object({
  choice: z.string({ error: 'Say which answer: {"choice": "<one of the request\'s choice ids>"}.' }).min(1),
  answers: z.record(z.string(), z.array(z.string())).optional(),
  content: z.unknown().optional(),
});
export type ApprovalAnswerBody = z.infer<typeof approvalAnswerBodySchema>;

/** Is the daemon there for us: connected, not running (no socket), or not available with this Codex or platform. */
export const daemonStatusSchema = z.object({
  state: z.enum(['connected', 'connecting', 'not_running', 'disconnected', 'unsupported']),
  socketPath: z.string().nullable(),
  /** A sentence for the person, with the command that fixes it when there is one. */
  message: z.string(),
  startCommand: z.string().nullable(),
  watchedThreads: z.number().int(),
});
export type DaemonStatus = z.infer<typeof daemonStatusSchema>;

/** One turn of a live thread as the UI shows it: its items in order. */
export const liveTurnSchema = z.object({
  id: z.string(),
  status: z.enum(['in_progress', 'completed', 'interrupted', 'failed']),
  items: z.array(activityItemSchema),
  error: z.string().nullable(),
});
export type LiveTurn = z.infer<typeof liveTurnSchema>;

/** A page of a live thread's history, oldest first; `before` asks for the page older than this one. */
export const liveHistorySchema = z.object({
  turns: z.array(liveTurnSchema),
  before: z.string().nullable(),
});
export type LiveHistory = z.infer<typeof liveHistorySchema>;

export const steerBodySchema = z.object({
  content: z.string({ error: 'A steer needs {"content": "<text>"}.' }).trim().min(1, 'A steer cannot be empty.'),
});
