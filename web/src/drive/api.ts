// Drive-mode calls from the browser, decoded with the shared drive schemas. Same-origin, cookie auth, no state.
import { z } from 'zod';
import { type DriveSnapshot, driveSnapshotSchema, type NewDriveSessionBody } from '../../../src/shared/drive.js';
import type { SessionId } from '../../../src/shared/ids.js';
import { instructionSchema, type SessionSummary, sessionSummarySchema } from '../../../src/shared/schemas.js';
import { request as call } from '../api.js';

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
