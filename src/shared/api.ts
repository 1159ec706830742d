// The HTTP contract, one entry per endpoint: method, path, the body it takes, what it answers and the error codes it
// can give. The server's routes are typed against it; the web client, the CLI/MCP client and the tests decode through
// it. A stream or a file download has `response: null`: its bytes are not JSON.
import { z } from 'zod';
import { contextEndpoints } from './context.js';
import { callerSchema, deviceSchema, pairingSchema, redeemPairingBodySchema } from './devices.js';
import {
  driveSettingsSchema,
  driveSnapshotSchema,
  newDriveSessionBodySchema,
  newLiveSessionBodySchema,
  queueManyBodySchema,
} from './drive.js';
import { type ErrorCode, errorAnswerSchema, storageStatusSchema } from './errors.js';
import {
  historyFilterQuerySchema,
  historyHomesBodySchema,
  historyHomesSchema,
  historyListAnswerSchema,
  historyProjectSummarySchema,
  historySearchAnswerSchema,
  historySearchQuerySchema,
  historySessionSchema,
  historyStatusSchema,
} from './history.js';
import { integrationSetupResultSchema, integrationStatusSchema } from './integration.js';
import { approvalAnswerBodySchema, approvalSchema, daemonStatusSchema, liveHistorySchema, steerBodySchema } from './live.js';
import { notificationEndpoints } from './notifications.js';
import { activitySnapshotSchema, entryWorkSchema, rolloutLocationSchema, usageSnapshotSchema } from './rollout.js';
import { roomEndpoints } from './rooms.js';
import {
  attachmentSchema,
  conclusionBodySchema,
  contentBodySchema,
  createByThreadBodySchema,
  promptSchema,
  renameBodySchema,
  reorderBodySchema,
  sessionDetailSchema,
  sessionSummarySchema,
  slashPromptBodySchema,
  slashPromptPatchSchema,
  slashPromptSchema,
  timelineEntrySchema,
  waitBodySchema,
  waitResultSchema,
} from './schemas.js';
import { continueThreadBodySchema, transcriptExportQuerySchema, transcriptPageSchema, transcriptQuerySchema } from './transcript.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Endpoint {
  method: Method;
  /** Fastify-style, with `:name` parameters. */
  path: string;
  /** Older spellings of the path that answer the same, kept so clients written before a rename keep working. */
  aliases?: readonly string[];
  /** The JSON body it reads (absent: none, or multipart for an upload). */
  body?: z.ZodType;
  /** The query string it reads, as strings arrive (absent: none). */
  query?: z.ZodType;
  /** The JSON answer on success; null for a stream or a download. */
  response: z.ZodType | null;
  /** The success status when it is not 200. */
  status?: 201;
  /** The codes this endpoint's own rules can answer, beyond those every endpoint can (see COMMON_ERRORS). */
  errors: readonly ErrorCode[];
}

/** Any call can meet these: a bad credential, a foreign page, a malformed body, a database that cannot save. */
export const COMMON_ERRORS = [
  'unauthorized',
  'forbidden',
  'bad_request',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'rate_limited',
  'database_gone',
  'database_read_only',
  'database_io_error',
  'disk_full',
  'storage_not_writable',
  'internal_error',
] as const satisfies readonly ErrorCode[];

const ok = <S extends z.ZodRawShape>(shape: S) => z.object({ ok: z.literal(true), ...shape });

const session = ok({ session: sessionSummarySchema });

/**
 * Timelines are paged by key, newest first: a page holds the newest entries before `before` (a seq; absent: the
 * newest of all), oldest first, at most `limit` (default PAGE_ENTRIES, at most MAX_PAGE_ENTRIES) and about
 * PAGE_BYTES of content (always at least one entry). `hasEarlier` says whether older entries exist: ask for them
 * with `before` = the seq of the page's first entry. Entries appended meanwhile arrive as pushes and never shift a page.
 */
export const PAGE_ENTRIES = 50;
export const MAX_PAGE_ENTRIES = 500;
export const PAGE_BYTES = 128 * 1024;
export const timelinePageQuerySchema = z.object({
  before: z.coerce.number({ error: '"before" must be the seq of an entry.' }).int().positive().optional(),
  limit: z.coerce
    .number({ error: '"limit" must be a number of entries.' })
    .int()
    .min(1, '"limit" must be at least 1.')
    .max(MAX_PAGE_ENTRIES, `"limit" can be at most ${MAX_PAGE_ENTRIES}.`)
    .optional(),
});
/**
 * The session list, most recent activity first. Without `limit` it is every session; with it, one page and `next`, the
 * cursor to pass as `after` for the following page (null after the last). Activity times only grow, so a session only
 * ever moves up the list, and one that moves arrives as a push: paging while pushes arrive misses none.
 */
export const MAX_SESSION_PAGE = 5000;
export const sessionListQuerySchema = z.object({
  limit: z.coerce
    .number({ error: '"limit" must be a number of sessions.' })
    .int()
    .min(1, '"limit" must be at least 1.')
    .max(MAX_SESSION_PAGE, `"limit" can be at most ${MAX_SESSION_PAGE}.`)
    .optional(),
  after: z.string().min(1).max(400, '"after" must be the "next" cursor of the previous page.').optional(),
});
/** A session's detail carries the newest page of its timeline (`session.timeline`) and whether earlier entries exist. */
const detail = ok({ session: sessionDetailSchema, hasEarlier: z.boolean() });
const deleted = ok({ deleted: z.literal(true), sessions: z.array(sessionSummarySchema) });
const queued = ok({ prompt: promptSchema, session: sessionSummarySchema });
const skills = z.array(slashPromptSchema);
const sessionEvent = z.object({ id: z.number(), sessionId: z.string(), type: z.string(), payload: z.unknown(), createdAt: z.string() });
const attached = ok({ session: sessionSummarySchema });
const NOT_FOUND = ['session_not_found'] as const;

const define = <T extends Record<string, Endpoint>>(endpoints: T) => endpoints;

export const api = define({
  // ---- system ----
  healthy: { method: 'GET', path: '/api/healthy', response: ok({}), errors: [] },
  health: {
    method: 'GET',
    path: '/api/health',
    response: ok({
      service: z.literal('codex-pro-max'),
      version: z.string(),
      pid: z.number(),
      dataRoot: z.string(),
      codexHome: z.string(),
      apiUrl: z.string(),
      uiUrl: z.string(),
      serverTimeIso: z.string(),
      storage: storageStatusSchema,
    }),
    errors: [],
  },
  loginLink: { method: 'POST', path: '/api/auth/login-link', response: ok({ url: z.string() }), errors: [] },
  signIn: { method: 'GET', path: '/auth', response: null, errors: [] },
  events: { method: 'GET', path: '/api/events', response: null, errors: [] },

  // ---- paired devices (a phone with its own credential) ----
  /** A one-time pairing (QR link and short code, 10 minutes); only the owner's token, never a paired device, may ask. */
  createPairing: {
    method: 'POST',
    path: '/api/pairing',
    response: ok({ pairing: pairingSchema }),
    status: 201,
    errors: ['pairing_needs_owner'],
  },
  /** Public: the pairing page swaps the secret (or the typed code) for the device's own cookie. */
  redeemPairing: {
    method: 'POST',
    path: '/api/pairing/redeem',
    body: redeemPairingBodySchema,
    response: ok({ device: deviceSchema }),
    status: 201,
    errors: ['pairing_invalid', 'pairing_rate_limited'],
  },
  /** Every paired device, and who is asking (`you`), so the list can mark "this device". */
  listDevices: {
    method: 'GET',
    path: '/api/devices',
    response: ok({ devices: z.array(deviceSchema), you: callerSchema }),
    errors: [],
  },
  /** Forgets a device: its cookie stops working and its open connections close at once. */
  revokeDevice: {
    method: 'DELETE',
    path: '/api/devices/:deviceId',
    response: ok({ devices: z.array(deviceSchema) }),
    errors: ['not_found'],
  },

  // ---- the Codex side of the loop ----
  attachByThread: {
    method: 'POST',
    path: '/api/codex/sessions/by-thread/:threadId',
    body: createByThreadBodySchema,
    response: attached,
    status: 201,
    errors: [],
  },
  attachLegacy: { method: 'POST', path: '/api/codex/sessions', response: attached, status: 201, errors: [] },
  sessionByThread: { method: 'GET', path: '/api/codex/sessions/by-thread/:threadId', response: session, errors: NOT_FOUND },
  conclude: {
    method: 'POST',
    path: '/api/codex/sessions/by-thread/:threadId/conclusion',
    body: conclusionBodySchema,
    response: ok({
      conclusion: z.object({ id: z.string(), sessionId: z.string(), content: z.string(), createdAt: z.string() }),
      session: sessionSummarySchema,
    }),
    status: 201,
    errors: [],
  },
  wait: {
    method: 'POST',
    path: '/api/codex/sessions/by-thread/:threadId/wait',
    body: waitBodySchema,
    response: waitResultSchema,
    errors: [],
  },
  /** The MCP server's last word: its Codex ended (stdin closed, parent exited, a signal), so the session shows it gone. */
  codexGone: {
    method: 'POST',
    path: '/api/codex/sessions/by-thread/:threadId/gone',
    body: z.object({ reason: z.string().max(200).optional() }).default({}),
    response: session,
    errors: NOT_FOUND,
  },

  // ---- sessions and their queues ----
  listSessions: {
    method: 'GET',
    path: '/api/sessions',
    query: sessionListQuerySchema,
    response: ok({ sessions: z.array(sessionSummarySchema), next: z.string().nullable() }),
    errors: [],
  },
  /** The session with its queue, attachments and the newest page of its timeline (`?limit=&before=` as for timelinePage). */
  sessionDetail: { method: 'GET', path: '/api/sessions/:sessionId', query: timelinePageQuerySchema, response: detail, errors: NOT_FOUND },
  /** One page of the timeline: `?before=<seq of the oldest entry held>&limit=`; see PAGE_ENTRIES. */
  timelinePage: {
    method: 'GET',
    path: '/api/sessions/:sessionId/timeline',
    query: timelinePageQuerySchema,
    response: ok({ entries: z.array(timelineEntrySchema), hasEarlier: z.boolean() }),
    errors: NOT_FOUND,
  },
  sessionEvents: {
    method: 'GET',
    path: '/api/sessions/:sessionId/events',
    response: ok({ events: z.array(sessionEvent) }),
    errors: NOT_FOUND,
  },
  rename: { method: 'PATCH', path: '/api/sessions/:sessionId', body: renameBodySchema, response: session, errors: NOT_FOUND },
  markRead: { method: 'POST', path: '/api/sessions/:sessionId/read', response: session, errors: NOT_FOUND },
  clearTimeline: { method: 'DELETE', path: '/api/sessions/:sessionId/messages', response: detail, errors: NOT_FOUND },
  stop: { method: 'POST', path: '/api/sessions/:sessionId/stop', response: session, errors: NOT_FOUND },
  stopByThread: { method: 'POST', path: '/api/sessions/by-thread/:threadId/stop', response: session, errors: NOT_FOUND },
  deleteSession: { method: 'DELETE', path: '/api/sessions/:sessionId', response: deleted, errors: NOT_FOUND },
  deleteByThread: { method: 'DELETE', path: '/api/sessions/by-thread/:threadId', response: deleted, errors: NOT_FOUND },
  queue: {
    method: 'POST',
    path: '/api/sessions/:sessionId/prompts',
    aliases: ['/api/sessions/:sessionId/instructions'],
    body: contentBodySchema,
    response: queued,
    status: 201,
    errors: ['session_not_found', 'queue_full'],
  },
  queueByThread: {
    method: 'POST',
    path: '/api/sessions/by-thread/:threadId/prompts',
    aliases: ['/api/sessions/by-thread/:threadId/instructions'],
    body: contentBodySchema,
    response: queued,
    status: 201,
    errors: ['session_not_found', 'queue_full'],
  },
  editPrompt: {
    method: 'PATCH',
    path: '/api/sessions/:sessionId/prompts/:promptId',
    aliases: ['/api/sessions/:sessionId/instructions/:promptId'],
    body: contentBodySchema,
    response: ok({ prompt: promptSchema, session: sessionDetailSchema, hasEarlier: z.boolean() }),
    errors: ['session_not_found', 'not_found', 'prompt_not_editable'],
  },
  deletePrompt: {
    method: 'DELETE',
    path: '/api/sessions/:sessionId/prompts/:promptId',
    aliases: ['/api/sessions/:sessionId/instructions/:promptId'],
    response: ok({ deleted: z.literal(true), deletedPrompt: promptSchema, session: sessionDetailSchema, hasEarlier: z.boolean() }),
    errors: ['session_not_found', 'not_found', 'prompt_not_editable'],
  },
  reorderQueue: {
    method: 'PUT',
    path: '/api/sessions/:sessionId/prompts/order',
    aliases: ['/api/sessions/:sessionId/instructions/order'],
    body: reorderBodySchema,
    response: ok({ queue: z.array(promptSchema) }),
    errors: ['session_not_found', 'conflict'],
  },

  // ---- attachments ----
  upload: {
    method: 'POST',
    path: '/api/sessions/:sessionId/attachments',
    response: ok({ attachment: attachmentSchema }),
    status: 201,
    errors: ['session_not_found'],
  },
  listAttachments: {
    method: 'GET',
    path: '/api/sessions/:sessionId/attachments',
    response: ok({ attachments: z.array(attachmentSchema) }),
    errors: NOT_FOUND,
  },
  downloadAttachment: { method: 'GET', path: '/api/sessions/:sessionId/attachments/:attachmentId', response: null, errors: ['not_found'] },
  deleteAttachment: {
    method: 'DELETE',
    path: '/api/sessions/:sessionId/attachments/:attachmentId',
    response: ok({ deletedAttachment: attachmentSchema }),
    errors: ['not_found'],
  },

  // ---- live threads (the Codex daemon) ----
  daemonStatus: { method: 'GET', path: '/api/live/daemon', response: ok({ daemon: daemonStatusSchema }), errors: [] },
  /** Runs `codex app-server daemon start` when the person asks for it; nothing starts the daemon on its own. */
  startDaemon: {
    method: 'POST',
    path: '/api/live/daemon/start',
    response: ok({ daemon: daemonStatusSchema }),
    errors: ['codex_unavailable', 'daemon_unavailable'],
  },
  /** Starts a thread inside the daemon (visible to `codex resume <id>` in a terminal) and runs the first prompt there. */
  startLive: {
    method: 'POST',
    path: '/api/live/sessions',
    body: newLiveSessionBodySchema,
    response: queued,
    status: 201,
    errors: ['daemon_unavailable', 'not_found'],
  },
  /** A page of a live thread's turns, newest page first; `?before=` pages back. */
  liveHistory: {
    method: 'GET',
    path: '/api/sessions/:sessionId/live/history',
    response: ok({ history: liveHistorySchema }),
    errors: ['session_not_found', 'not_live', 'daemon_unavailable'],
  },
  approvals: {
    method: 'GET',
    path: '/api/sessions/:sessionId/approvals',
    response: ok({ approvals: z.array(approvalSchema) }),
    errors: ['session_not_found'],
  },
  /** Answers an approval; `approval_closed` when it was already answered (in the terminal, another tab) or expired. */
  answerApproval: {
    method: 'POST',
    path: '/api/approvals/:approvalId',
    body: approvalAnswerBodySchema,
    response: ok({ approval: approvalSchema }),
    errors: ['not_found', 'approval_closed', 'bad_request', 'daemon_unavailable'],
  },
  /** Adds text to the turn running now (`turn/steer`). */
  steer: {
    method: 'POST',
    path: '/api/sessions/:sessionId/live/steer',
    body: steerBodySchema,
    response: ok({ turnId: z.string() }),
    errors: ['session_not_found', 'not_live', 'no_active_turn', 'daemon_unavailable'],
  },
  interruptLive: {
    method: 'POST',
    path: '/api/sessions/:sessionId/live/interrupt',
    response: ok({ turnId: z.string() }),
    errors: ['session_not_found', 'not_live', 'no_active_turn', 'daemon_unavailable'],
  },

  // ---- slash prompts (the original's /api/skills paths) ----
  listSlashPrompts: { method: 'GET', path: '/api/skills', response: ok({ skills }), errors: [] },
  createSlashPrompt: {
    method: 'POST',
    path: '/api/skills',
    body: slashPromptBodySchema,
    response: ok({ skill: slashPromptSchema, skills }),
    status: 201,
    errors: ['conflict'],
  },
  updateSlashPrompt: {
    method: 'PATCH',
    path: '/api/skills/:skillId',
    body: slashPromptPatchSchema,
    response: ok({ skill: slashPromptSchema, skills }),
    errors: ['not_found', 'conflict'],
  },
  deleteSlashPrompt: {
    method: 'DELETE',
    path: '/api/skills/:skillId',
    response: ok({ deletedSkill: slashPromptSchema, skills }),
    errors: ['not_found'],
  },

  // ---- drive mode ----
  recentCwds: { method: 'GET', path: '/api/drive/recent-cwds', response: ok({ cwds: z.array(z.string()) }), errors: [] },
  startDriven: {
    method: 'POST',
    path: '/api/drive/sessions',
    body: newDriveSessionBodySchema,
    response: queued,
    status: 201,
    errors: ['codex_unavailable', 'not_found'],
  },
  driveSnapshot: { method: 'GET', path: '/api/sessions/:sessionId/drive', response: ok({ drive: driveSnapshotSchema }), errors: NOT_FOUND },
  driveSettings: {
    method: 'PATCH',
    path: '/api/sessions/:sessionId/drive/settings',
    body: z.unknown(),
    response: ok({ settings: driveSettingsSchema }),
    errors: ['session_not_found', 'drive_refused'],
  },
  interrupt: {
    method: 'POST',
    path: '/api/sessions/:sessionId/drive/interrupt',
    response: ok({ interrupted: z.boolean(), session: sessionSummarySchema }),
    errors: NOT_FOUND,
  },
  /** Runs an attached session's queued prompts here, as drive-mode turns on the same thread, once its Codex is gone. */
  continueHere: {
    method: 'POST',
    path: '/api/sessions/:sessionId/drive/continue-here',
    response: session,
    errors: ['session_not_found', 'drive_refused', 'codex_unavailable'],
  },
  continueDriven: {
    method: 'POST',
    path: '/api/sessions/:sessionId/drive/continue',
    response: session,
    errors: ['session_not_found', 'drive_refused', 'codex_unavailable'],
  },
  queueMany: {
    method: 'POST',
    path: '/api/sessions/:sessionId/prompts/batch',
    aliases: ['/api/sessions/:sessionId/instructions/batch'],
    body: queueManyBodySchema,
    response: ok({ prompts: z.array(promptSchema), session: sessionSummarySchema }),
    status: 201,
    errors: ['session_not_found', 'drive_refused', 'queue_full'],
  },

  // ---- rollout ----
  locateRollout: {
    method: 'GET',
    path: '/api/codex-live/rollout/:threadId',
    response: rolloutLocationSchema,
    errors: ['rollout_not_found'],
  },
  locateRolloutByQuery: { method: 'GET', path: '/api/codex-live/rollout', response: rolloutLocationSchema, errors: ['rollout_not_found'] },
  usage: {
    method: 'GET',
    path: '/api/sessions/:sessionId/usage',
    response: ok({ usage: usageSnapshotSchema }),
    errors: ['session_not_found', 'rollout_not_found'],
  },
  activity: {
    method: 'GET',
    path: '/api/sessions/:sessionId/activity',
    response: ok({ activity: activitySnapshotSchema, unknownRecords: z.record(z.string(), z.number()) }),
    errors: ['session_not_found', 'rollout_not_found'],
  },
  exportLatestTurn: {
    method: 'GET',
    path: '/api/sessions/:sessionId/exports/latest-ai-messages',
    response: null,
    errors: ['session_not_found', 'nothing_to_export'],
  },
  exportSession: {
    method: 'GET',
    path: '/api/sessions/:sessionId/exports/session',
    response: null,
    errors: ['session_not_found', 'nothing_to_export'],
  },
  /** What Codex did for each conclusion (commands, files with diffs), read from the rollout; empty without one. */
  work: {
    method: 'GET',
    path: '/api/sessions/:sessionId/work',
    response: ok({ work: z.array(entryWorkSchema) }),
    errors: ['session_not_found'],
  },

  /** The first message the person typed in the session's thread (the task given in the terminal); null without one. */
  firstPrompt: {
    method: 'GET',
    path: '/api/sessions/:sessionId/first-prompt',
    response: ok({ prompt: z.object({ text: z.string(), atIso: z.string().nullable() }).nullable() }),
    errors: ['session_not_found'],
  },

  // ---- History: every Codex rollout on this machine, indexed (src/shared/history.ts) ----
  historyStatus: { method: 'GET', path: '/api/history/status', response: ok({ status: historyStatusSchema }), errors: [] },
  /** Sessions newest first (by their last record), filtered; page on with `cursor` = the previous `nextCursor`. */
  historySessions: {
    method: 'GET',
    path: '/api/history/sessions',
    query: historyFilterQuerySchema,
    response: historyListAnswerSchema,
    errors: ['history_unavailable'],
  },
  historySession: {
    method: 'GET',
    path: '/api/history/sessions/:threadId',
    response: ok({ session: historySessionSchema }),
    errors: ['history_unavailable', 'history_session_not_found'],
  },
  /** Every project with its session count, most recently used first (the filter's choices and the group headers). */
  historyProjects: {
    method: 'GET',
    path: '/api/history/projects',
    response: ok({ projects: z.array(historyProjectSummarySchema) }),
    errors: ['history_unavailable'],
  },
  historySearch: {
    method: 'GET',
    path: '/api/history/search',
    query: historySearchQuerySchema,
    response: historySearchAnswerSchema,
    errors: ['history_unavailable'],
  },
  historyHomes: { method: 'GET', path: '/api/history/homes', response: ok({ homes: historyHomesSchema }), errors: [] },
  /** Replaces the extra Codex homes; the index reads new ones in the background and drops the sessions of removed ones. */
  setHistoryHomes: {
    method: 'PUT',
    path: '/api/history/homes',
    body: historyHomesBodySchema,
    response: ok({ homes: historyHomesSchema }),
    errors: ['history_unavailable'],
  },
  /** Any thread's readable transcript, one page of its rollout (src/shared/transcript.ts says how pages are asked for). */
  historyTranscript: {
    method: 'GET',
    path: '/api/history/threads/:threadId/transcript',
    query: transcriptQuerySchema,
    response: ok({ page: transcriptPageSchema }),
    errors: ['rollout_not_found'],
  },
  /** The thread as Markdown in the transcript's form: the whole session, or its latest turn (`scope=turn`). */
  historyExport: {
    method: 'GET',
    path: '/api/history/threads/:threadId/export',
    query: transcriptExportQuerySchema,
    response: null,
    errors: ['rollout_not_found'],
  },
  /**
   * "Continue here": the prompt continues the thread from the browser, in the session bound to it (made driven when its
   * Codex has gone) or in a new driven session on that thread. It runs in the daemon when the daemon holds the thread,
   * else as `codex exec resume`. Answers the session to open.
   */
  continueThread: {
    method: 'POST',
    path: '/api/history/threads/:threadId/continue',
    body: continueThreadBodySchema,
    response: ok({ session: sessionSummarySchema }),
    status: 201,
    errors: ['rollout_not_found', 'drive_refused', 'codex_unavailable'],
  },

  // ---- Codex integration (config.toml) ----
  integration: { method: 'GET', path: '/api/integration', response: integrationStatusSchema, errors: [] },
  integrationSetup: { method: 'POST', path: '/api/integration/setup', response: integrationSetupResultSchema, errors: ['conflict'] },

  // ---- Web Push notifications (src/shared/notifications.ts) ----
  ...notificationEndpoints,

  // ---- rooms: several driven sessions and the person in one conversation (src/shared/rooms.ts) ----
  ...roomEndpoints,

  // ---- carrying a conversation's context on (src/shared/context.ts) ----
  ...contextEndpoints,
});

export type Api = typeof api;
export type EndpointName = keyof Api;

/** What a JSON endpoint answers on success, as the client sees it. */
export type Answer<E extends Endpoint> = E['response'] extends z.ZodType ? z.output<E['response']> : never;

/** The path with its `:name` parameters filled in (each encoded). */
export function pathOf(endpoint: Endpoint, params: Record<string, string> = {}): string {
  return endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${endpoint.path} needs the parameter "${name}".`);
    return encodeURIComponent(value);
  });
}

/** A failed call, as every client sees it: the server's message for people and its machine code for code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's code; absent when something other than Codex Pro Max answered (a closing server, a proxy). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when this answer carries one of `codes`: the test clients use instead of status numbers. */
  is(...codes: ErrorCode[]): boolean {
    return this.code !== undefined && (codes as string[]).includes(this.code);
  }
}

/** An error answer as an ApiError; `fallback` is the message when the body is not one of ours. */
export function errorFrom(status: number, json: unknown, fallback: string): ApiError {
  const error = errorAnswerSchema.safeParse(json);
  if (error.success) return new ApiError(status, error.data.error, error.data.code);
  const text = json && typeof json === 'object' && 'error' in json && typeof json.error === 'string' ? json.error : null;
  return new ApiError(status, text ?? fallback);
}

/** Decodes what the server answered to a call of `endpoint`: its typed success, or the ApiError it described. */
export function decodeAnswer<E extends Endpoint>(endpoint: E, status: number, json: unknown): Answer<E> {
  const call = `${endpoint.method} ${endpoint.path}`;
  if (status < 200 || status >= 300) throw errorFrom(status, json, `The server answered ${status} to ${call}.`);
  if (!endpoint.response) throw new Error(`${call} does not answer JSON.`);
  const decoded = endpoint.response.safeParse(json);
  if (!decoded.success) throw new ApiError(status, `The server's answer to ${call} was not understood. Update both sides, or reload.`);
  return decoded.data as Answer<E>;
}
