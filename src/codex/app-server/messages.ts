// Decodes one message the Codex app-server daemon sends (codex-cli 0.169/0.171, the v2 protocol in ./protocol). Pure.
// Objects are loose: only the fields this product relies on are checked, so a field Codex adds never breaks decoding.
import { z } from 'zod';
import { SERVER_NOTIFICATION_METHODS, SERVER_REQUEST_METHODS, THREAD_ITEM_TYPES } from './protocol/methods.js';
import type { RequestId } from './protocol/RequestId.js';
import type { ServerNotification } from './protocol/ServerNotification.js';
import type { ServerRequest } from './protocol/ServerRequest.js';

const requestId = z.union([z.string(), z.number()]);
const id = z.string();
const turn = z.looseObject({ id, status: z.string() });
const item = z.looseObject({ type: z.string(), id });
const turnScoped = { threadId: id, turnId: id, itemId: id };

/** The notifications the product reads, each checked on the fields it uses. */
const NOTIFICATION_SCHEMAS = {
  'thread/started': z.looseObject({ thread: z.looseObject({ id }) }),
  'thread/status/changed': z.looseObject({ threadId: id, status: z.looseObject({ type: z.string() }) }),
  'turn/started': z.looseObject({ threadId: id, turn }),
  'turn/completed': z.looseObject({ threadId: id, turn }),
  'item/started': z.looseObject({ threadId: id, turnId: id, item }),
  'item/completed': z.looseObject({ threadId: id, turnId: id, item }),
  'item/agentMessage/delta': z.looseObject({ threadId: id, turnId: id, itemId: id, delta: z.string() }),
  'serverRequest/resolved': z.looseObject({ threadId: id, requestId }),
} satisfies Partial<Record<ServerNotification['method'], z.ZodType>>;

/** The server → client requests the product answers (approvals, questions, elicitations). */
const REQUEST_SCHEMAS = {
  'item/commandExecution/requestApproval': z.looseObject(turnScoped),
  'item/fileChange/requestApproval': z.looseObject(turnScoped),
  'item/permissions/requestApproval': z.looseObject(turnScoped),
  'item/tool/requestUserInput': z.looseObject({ ...turnScoped, questions: z.array(z.looseObject({ id })) }),
  'mcpServer/elicitation/request': z.looseObject({ threadId: id, turnId: id.nullable(), serverName: z.string(), mode: z.string() }),
  // Legacy (v1) approvals: keyed by conversation and call, not thread/turn/item.
  execCommandApproval: z.looseObject({ conversationId: id, callId: z.string() }),
  applyPatchApproval: z.looseObject({ conversationId: id, callId: z.string() }),
} satisfies Partial<Record<ServerRequest['method'], z.ZodType>>;

export type DecodedNotificationMethod = keyof typeof NOTIFICATION_SCHEMAS;
export type DecodedRequestMethod = keyof typeof REQUEST_SCHEMAS;

type Params<U, M> = U extends { method: M; params: infer P } ? P : never;

/**
 * A notification: typed params (the generated protocol type) for the ones decoded above; `unknown` params for the
 * rest of this Codex's protocol, which pass through unchecked. Narrow on `method`.
 */
export type AppServerNotification = (
  | { [M in DecodedNotificationMethod]: { method: M; params: Params<ServerNotification, M> } }[DecodedNotificationMethod]
  | { [M in Exclude<ServerNotification['method'], DecodedNotificationMethod>]: { method: M; params: unknown } }[Exclude<
      ServerNotification['method'],
      DecodedNotificationMethod
    >]
) & { emittedAtMs?: number };

/** A server → client request; answer it with its `id` (the id is only valid on the connection it came on). */
export type AppServerRequest =
  | { [M in DecodedRequestMethod]: { id: RequestId; method: M; params: Params<ServerRequest, M> } }[DecodedRequestMethod]
  | { [M in Exclude<ServerRequest['method'], DecodedRequestMethod>]: { id: RequestId; method: M; params: unknown } }[Exclude<
      ServerRequest['method'],
      DecodedRequestMethod
    >];

export type RpcErrorBody = { code: number; message: string; data?: unknown };

export type Incoming =
  | { kind: 'response'; id: RequestId; result: unknown }
  | { kind: 'errorResponse'; id: RequestId; error: RpcErrorBody }
  /** `unknownItemType` is set when an item/started or item/completed carries an item type this Codex did not declare. */
  | { kind: 'notification'; notification: AppServerNotification; unknownItemType?: string }
  | { kind: 'serverRequest'; request: AppServerRequest }
  /** A method this Codex's protocol does not declare (a newer daemon): reported, never answered or thrown. */
  | { kind: 'unknown'; what: 'notification' | 'serverRequest'; method: string; id?: RequestId; params: unknown }
  | { kind: 'invalid'; reason: string };

const envelope = z.looseObject({
  id: requestId.optional(),
  method: z.string().optional(),
  params: z.unknown().optional(),
  error: z.looseObject({ code: z.number(), message: z.string(), data: z.unknown().optional() }).optional(),
  emittedAtMs: z.number().optional(),
});

const notificationMethods = new Set<string>(SERVER_NOTIFICATION_METHODS);
const requestMethods = new Set<string>(SERVER_REQUEST_METHODS);
const itemTypes = new Set<string>(THREAD_ITEM_TYPES);

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

function decodeParams(schemas: Record<string, z.ZodType>, method: string, params: unknown): { ok: true } | { ok: false; reason: string } {
  const schema = schemas[method];
  if (!schema) return { ok: true };
  const parsed = schema.safeParse(params);
  // The checked object is the one handed on, so loose objects keep every field Codex sent.
  return parsed.success ? { ok: true } : { ok: false, reason: `${method} params: ${issues(parsed.error)}` };
}

/** Decodes one WebSocket text frame. Never throws: anything it cannot use comes back as `invalid` or `unknown`. */
export function decodeIncoming(text: string): Incoming {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: `not JSON: ${text.slice(0, 120)}` };
  }
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) return { kind: 'invalid', reason: `not a JSON-RPC message: ${issues(parsed.error)}` };
  const msg = parsed.data;
  if (msg.method === undefined) {
    if (msg.id === undefined) return { kind: 'invalid', reason: 'neither a method nor an id' };
    if (msg.error) return { kind: 'errorResponse', id: msg.id, error: msg.error };
    if (!('result' in msg)) return { kind: 'invalid', reason: `answer to ${msg.id} has neither result nor error` };
    return { kind: 'response', id: msg.id, result: msg.result };
  }
  const { method, params } = msg;
  if (msg.id !== undefined) {
    if (!requestMethods.has(method)) return { kind: 'unknown', what: 'serverRequest', method, id: msg.id, params };
    const checked = decodeParams(REQUEST_SCHEMAS, method, params);
    if (!checked.ok) return { kind: 'invalid', reason: checked.reason };
    return { kind: 'serverRequest', request: { id: msg.id, method, params } as AppServerRequest };
  }
  if (!notificationMethods.has(method)) return { kind: 'unknown', what: 'notification', method, params };
  const checked = decodeParams(NOTIFICATION_SCHEMAS, method, params);
  if (!checked.ok) return { kind: 'invalid', reason: checked.reason };
  const notification = {
    method,
    params,
    ...(msg.emittedAtMs === undefined ? {} : { emittedAtMs: msg.emittedAtMs }),
  } as AppServerNotification;
  const type = (method === 'item/started' || method === 'item/completed') && (params as { item: { type: string } }).item.type;
  return type && !itemTypes.has(type)
    ? { kind: 'notification', notification, unknownItemType: type }
    : { kind: 'notification', notification };
}
