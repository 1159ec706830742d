// Checks the daemon's answers to the requests the client's typed methods send, on the fields callers rely on. Pure.
import { z } from 'zod';
import { AppServerBadResponse } from './errors.js';
import type { ThreadItemsListResponse } from './protocol/v2/ThreadItemsListResponse.js';
import type { ThreadLoadedListResponse } from './protocol/v2/ThreadLoadedListResponse.js';
import type { ThreadReadResponse } from './protocol/v2/ThreadReadResponse.js';
import type { ThreadResumeResponse } from './protocol/v2/ThreadResumeResponse.js';
import type { ThreadStartResponse } from './protocol/v2/ThreadStartResponse.js';
import type { ThreadTurnsListResponse } from './protocol/v2/ThreadTurnsListResponse.js';
import type { ThreadUnsubscribeResponse } from './protocol/v2/ThreadUnsubscribeResponse.js';
import type { TurnInterruptResponse } from './protocol/v2/TurnInterruptResponse.js';
import type { TurnStartResponse } from './protocol/v2/TurnStartResponse.js';
import type { TurnSteerResponse } from './protocol/v2/TurnSteerResponse.js';

const thread = z.looseObject({ thread: z.looseObject({ id: z.string() }) });
const page = z.looseObject({ data: z.array(z.unknown()), nextCursor: z.string().nullable() });

const SCHEMAS = {
  'thread/start': thread,
  'thread/resume': thread,
  'thread/read': thread,
  'thread/unsubscribe': z.looseObject({ status: z.string() }),
  'thread/loaded/list': z.looseObject({ data: z.array(z.string()), nextCursor: z.string().nullable() }),
  'thread/turns/list': page,
  'thread/items/list': page,
  'turn/start': z.looseObject({ turn: z.looseObject({ id: z.string(), status: z.string() }) }),
  'turn/steer': z.looseObject({ turnId: z.string() }),
  'turn/interrupt': z.looseObject({}),
};

/** What each typed method resolves to: the generated protocol type, after the check above. */
export interface ResponseTypes {
  'thread/start': ThreadStartResponse;
  'thread/resume': ThreadResumeResponse;
  'thread/read': ThreadReadResponse;
  'thread/unsubscribe': ThreadUnsubscribeResponse;
  'thread/loaded/list': ThreadLoadedListResponse;
  'thread/turns/list': ThreadTurnsListResponse;
  'thread/items/list': ThreadItemsListResponse;
  'turn/start': TurnStartResponse;
  'turn/steer': TurnSteerResponse;
  'turn/interrupt': TurnInterruptResponse;
}

export type TypedMethod = keyof ResponseTypes;

/** The answer to `method` as its protocol type, or AppServerBadResponse when a relied-on field is missing or mistyped. */
export function decodeResponse<M extends TypedMethod>(method: M, result: unknown): ResponseTypes[M] {
  const parsed = SCHEMAS[method].safeParse(result);
  if (!parsed.success) {
    throw new AppServerBadResponse(method, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  return parsed.data as unknown as ResponseTypes[M];
}
