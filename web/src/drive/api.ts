// Drive-mode calls from the browser, decoded through the shared contract. Same-origin, cookie auth, no state.
import { api } from '../../../src/shared/api.js';
import type { DriveSnapshot, NewDriveSessionBody } from '../../../src/shared/drive.js';
import type { SessionId } from '../../../src/shared/ids.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { call } from '../api.js';

const s = (sessionId: SessionId) => ({ sessionId });

export const driveApi = {
  recentCwds: async (): Promise<string[]> => (await call(api.recentCwds)).cwds,
  start: async (body: Partial<NewDriveSessionBody> & { prompt: string; cwd: string }): Promise<SessionSummary> =>
    (await call(api.startDriven, {}, body)).session,
  snapshot: async (id: SessionId): Promise<DriveSnapshot> => (await call(api.driveSnapshot, s(id))).drive,
  interrupt: async (id: SessionId): Promise<boolean> => (await call(api.interrupt, s(id))).interrupted,
  continue: async (id: SessionId): Promise<SessionSummary> => (await call(api.continueDriven, s(id))).session,
  /** Runs an attached session's queue here once its Codex has gone: it becomes driven on the same thread. */
  continueHere: async (id: SessionId): Promise<SessionSummary> => (await call(api.continueHere, s(id))).session,
  queueMany: async (id: SessionId, contents: string[]): Promise<number> => (await call(api.queueMany, s(id), { contents })).prompts.length,
};
