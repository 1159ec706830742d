// Drive-mode calls from the browser, decoded with the shared drive schemas. Same-origin, cookie auth, no state.
import { z } from 'zod';
import { type DriveSnapshot, driveSnapshotSchema, type NewDriveSessionBody } from '../../../src/shared/drive.js';
import type { SessionId } from '../../../src/shared/ids.js';
import { instructionSchema, type SessionSummary, sessionSummarySchema } from '../../../src/shared/schemas.js';
import { ApiError } from '../api.js';

async function call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Codex Pro Max is not reachable. Is the server still running?');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = z.object({ error: z.string() }).safeParse(json);
    throw new ApiError(res.status, error.success ? error.data.error : `The server answered ${res.status} to ${method} ${path}.`);
  }
  const decoded = schema.safeParse(json);
  if (!decoded.success) {
    console.warn('Unexpected drive response', method, path, decoded.error.issues);
    throw new ApiError(res.status, `The server's answer to ${method} ${path} was not understood. Reload the page.`);
  }
  return decoded.data;
}

const s = (id: SessionId) => `/api/sessions/${encodeURIComponent(id)}`;
const sessionBody = z.object({ session: sessionSummarySchema });

export const driveApi = {
  recentCwds: async (): Promise<string[]> => (await call('GET', '/api/drive/recent-cwds', z.object({ cwds: z.array(z.string()) }))).cwds,
  start: async (body: Partial<NewDriveSessionBody> & { prompt: string; cwd: string }): Promise<SessionSummary> =>
    (await call('POST', '/api/drive/sessions', sessionBody, body)).session,
  snapshot: async (id: SessionId): Promise<DriveSnapshot> =>
    (await call('GET', `${s(id)}/drive`, z.object({ drive: driveSnapshotSchema }))).drive,
  interrupt: async (id: SessionId): Promise<boolean> =>
    (await call('POST', `${s(id)}/drive/interrupt`, z.object({ interrupted: z.boolean() }))).interrupted,
  continue: async (id: SessionId): Promise<SessionSummary> => (await call('POST', `${s(id)}/drive/continue`, sessionBody)).session,
  queueMany: async (id: SessionId, contents: string[]): Promise<number> =>
    (await call('POST', `${s(id)}/instructions/batch`, z.object({ instructions: z.array(instructionSchema) }), { contents })).instructions
      .length,
};
