// A complete session summary for the UI's tests: a quiet attached session, with the fields a test is about given.
import type { SessionId } from '../../../src/shared/ids.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';

export function sessionSummary(id: string, fields: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: id as SessionId,
    threadId: null,
    kind: 'attached',
    title: `Session ${id}`,
    titleSource: 'codex',
    status: 'RUNNING',
    statusDetail: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastActivityAt: '2026-01-01T00:00:00.000Z',
    latestConclusion: null,
    unread: false,
    queuedCount: 0,
    attachmentCount: 0,
    rolloutPath: null,
    cwd: null,
    presence: 'unknown',
    live: null,
    ...fields,
  };
}
