// The browser's HTTP client: same-origin fetches (the auth cookie rides along) decoded with the shared wire schemas.
// It holds no state; callers apply results to the store or wait for the matching push.
import { type Answer, ApiError, decodeAnswer, type Endpoint, api as endpoints, errorFrom, pathOf } from '../../src/shared/api.js';
import type { StorageStatus } from '../../src/shared/errors.js';
import type { AttachmentId, PromptId, SessionId, SlashPromptId } from '../../src/shared/ids.js';
import type { Approval, ApprovalAnswerBody, DaemonStatus, LiveHistory } from '../../src/shared/live.js';
import type { Attachment, Prompt, SessionDetail, SessionSummary, SlashPrompt } from '../../src/shared/schemas.js';
import type { IntegrationReport } from './lib/integration.js';
import { storageFaults } from './lib/storageFault.js';

/** The server's error answer as an ApiError; a storage fault also raises the tab's banner. */
function failure(status: number, json: unknown, fallback: string): ApiError {
  const error = errorFrom(status, json, fallback);
  if (error.code !== undefined) storageFaults.apply({ kind: 'failed', code: error.code, error: error.message });
  return error;
}

/** One JSON call to `endpoint`: same-origin cookie auth, decoded through the shared contract. */
export async function call<E extends Endpoint>(
  endpoint: E,
  params: Record<string, string> = {},
  body?: unknown,
  query?: Record<string, string>,
): Promise<Answer<E>> {
  const path = query ? `${pathOf(endpoint, params)}?${new URLSearchParams(query)}` : pathOf(endpoint, params);
  let res: Response;
  try {
    res = await fetch(path, {
      method: endpoint.method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Codex Pro Max is not reachable. Is the server still running?');
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Fall through: a non-JSON answer is reported below with the status code.
  }
  if (!res.ok) throw failure(res.status, json, `The server answered ${res.status} to ${endpoint.method} ${path}.`);
  if (endpoint.method !== 'GET') storageFaults.apply({ kind: 'saved' });
  try {
    return decodeAnswer(endpoint, res.status, json);
  } catch (error) {
    console.warn('Unexpected response shape', endpoint.method, path, error);
    throw error;
  }
}

const s = (sessionId: SessionId) => ({ sessionId });

export { ApiError };

export const api = {
  listSessions: async (): Promise<SessionSummary[]> => (await call(endpoints.listSessions)).sessions,
  /** One page of the session list, most recent first; `next` is the cursor for the following page. */
  sessionPage: async (limit: number, after: string | null) =>
    call(endpoints.listSessions, undefined, undefined, after ? { limit: String(limit), after } : { limit: String(limit) }),
  /** The session with the newest page of its timeline, and whether earlier entries exist. */
  getSession: async (id: SessionId): Promise<{ detail: SessionDetail; hasEarlier: boolean }> => {
    const answer = await call(endpoints.sessionDetail, s(id));
    return { detail: answer.session, hasEarlier: answer.hasEarlier };
  },
  /** The `limit` entries before the entry numbered `before` (oldest first), and whether there are more. */
  timelineBefore: async (id: SessionId, before: number, limit: number) =>
    call(endpoints.timelinePage, s(id), undefined, { before: String(before), limit: String(limit) }),
  rename: async (id: SessionId, title: string): Promise<SessionSummary> => (await call(endpoints.rename, s(id), { title })).session,
  markRead: async (id: SessionId): Promise<SessionSummary> => (await call(endpoints.markRead, s(id))).session,
  stop: async (id: SessionId): Promise<SessionSummary> => (await call(endpoints.stop, s(id))).session,
  remove: async (id: SessionId): Promise<void> => void (await call(endpoints.deleteSession, s(id))),
  clearConversation: async (id: SessionId): Promise<SessionDetail> => (await call(endpoints.clearTimeline, s(id))).session,

  queue: async (id: SessionId, content: string): Promise<Prompt> => (await call(endpoints.queue, s(id), { content })).prompt,
  editQueued: async (id: SessionId, promptId: PromptId, content: string): Promise<Prompt> =>
    (await call(endpoints.editPrompt, { sessionId: id, promptId }, { content })).prompt,
  deleteQueued: async (id: SessionId, promptId: PromptId): Promise<void> =>
    void (await call(endpoints.deletePrompt, { sessionId: id, promptId })),
  reorderQueue: async (id: SessionId, order: PromptId[]): Promise<Prompt[]> => (await call(endpoints.reorderQueue, s(id), { order })).queue,

  deleteAttachment: async (id: SessionId, attachmentId: AttachmentId): Promise<void> =>
    void (await call(endpoints.deleteAttachment, { sessionId: id, attachmentId })),

  listSlashPrompts: async (): Promise<SlashPrompt[]> => (await call(endpoints.listSlashPrompts)).skills,
  createSlashPrompt: async (name: string, content: string): Promise<SlashPrompt[]> =>
    (await call(endpoints.createSlashPrompt, {}, { name, content })).skills,
  updateSlashPrompt: async (id: SlashPromptId, name: string, content: string): Promise<SlashPrompt[]> =>
    (await call(endpoints.updateSlashPrompt, { skillId: id }, { name, content })).skills,
  deleteSlashPrompt: async (id: SlashPromptId): Promise<SlashPrompt[]> => (await call(endpoints.deleteSlashPrompt, { skillId: id })).skills,

  /** The Codex integration check; null while the server does not offer it yet. */
  integration: async (): Promise<IntegrationReport | null> => {
    try {
      return await call(endpoints.integration);
    } catch (error) {
      if (error instanceof ApiError && error.is('not_found')) return null;
      throw error;
    }
  },
  /** Whether the server can still save (its database may have been deleted under it). */
  storageStatus: async (): Promise<StorageStatus> => (await call(endpoints.health)).storage,
  /** Runs setup; the answer is the new status plus what setup did, in words. */
  runIntegrationSetup: async () => call(endpoints.integrationSetup),

  // Live threads (the Codex daemon). Prompts for them go through `queue` like any other session.
  daemonStatus: async (): Promise<DaemonStatus> => (await call(endpoints.daemonStatus)).daemon,
  startDaemon: async (): Promise<DaemonStatus> => (await call(endpoints.startDaemon)).daemon,
  liveHistory: async (id: SessionId, before?: string | null): Promise<LiveHistory> =>
    (await call(endpoints.liveHistory, s(id), undefined, before ? { before } : undefined)).history,
  approvals: async (id: SessionId): Promise<Approval[]> => (await call(endpoints.approvals, s(id))).approvals,
  answerApproval: async (approvalId: string, body: ApprovalAnswerBody): Promise<Approval> =>
    (await call(endpoints.answerApproval, { approvalId }, body)).approval,
  steer: async (id: SessionId, content: string): Promise<string> => (await call(endpoints.steer, s(id), { content })).turnId,
  interruptLive: async (id: SessionId): Promise<string> => (await call(endpoints.interruptLive, s(id))).turnId,
};

/** Where an attachment can be fetched: inline only for raster images (the server enforces it too). */
export function attachmentUrl(a: Pick<Attachment, 'id' | 'sessionId'>, inline = false): string {
  return `${pathOf(endpoints.downloadAttachment, { sessionId: a.sessionId, attachmentId: a.id })}${inline ? '?inline=1' : ''}`;
}

/** Uploads one file as multipart field `file`, reporting progress (fetch cannot report upload progress). */
export function uploadAttachment(
  sessionId: SessionId,
  file: File,
  onProgress: (fraction: number) => void,
): { done: Promise<Attachment>; cancel: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', pathOf(endpoints.upload, { sessionId }));
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, `Uploading "${file.name}" failed: the server could not be reached.`));
    xhr.onabort = () => reject(new ApiError(0, `Uploading "${file.name}" was cancelled.`));
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // reported below
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        storageFaults.apply({ kind: 'saved' });
        try {
          resolve(decodeAnswer(endpoints.upload, xhr.status, json).attachment);
        } catch {
          reject(new ApiError(xhr.status, 'The upload finished but the answer was not understood. Reload the page.'));
        }
        return;
      }
      reject(failure(xhr.status, json, `Uploading "${file.name}" failed (${xhr.status}).`));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, cancel: () => xhr.abort() };
}
