// The browser's HTTP client: same-origin fetches (the auth cookie rides along) decoded with the shared wire schemas.
// It holds no state; callers apply results to the store or wait for the matching push.
import { z } from 'zod';
import { type StorageStatus, storageStatusSchema } from '../../src/shared/errors.js';
import type { AttachmentId, InstructionId, SessionId, SlashPromptId } from '../../src/shared/ids.js';
import { integrationSetupResultSchema, integrationStatusSchema } from '../../src/shared/integration.js';
import {
  type Attachment,
  attachmentSchema,
  type Instruction,
  instructionSchema,
  type SessionDetail,
  type SessionSummary,
  type SlashPrompt,
  sessionDetailSchema,
  sessionSummarySchema,
  slashPromptSchema,
} from '../../src/shared/schemas.js';
import type { IntegrationReport } from './lib/integration.js';
import { storageFaults } from './lib/storageFault.js';

/** A failed request with the server's own explanation (it answers {ok:false,error,code}). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's machine code, when it sent one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const errorBody = z.object({ error: z.string(), code: z.string().optional() });

/** The server's error answer as an ApiError; a storage fault also raises the tab's banner. */
function failure(status: number, json: unknown, fallback: string): ApiError {
  const parsed = errorBody.safeParse(json);
  if (!parsed.success) return new ApiError(status, fallback);
  storageFaults.apply({ kind: 'failed', code: parsed.data.code, error: parsed.data.error });
  return new ApiError(status, parsed.data.error, parsed.data.code);
}

/** One JSON call: same-origin cookie auth, errors as ApiError with the server's message, answers decoded by `schema`. */
export async function request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
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
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Fall through: a non-JSON answer is reported below with the status code.
  }
  if (!res.ok) throw failure(res.status, json, `The server answered ${res.status} to ${method} ${path}.`);
  if (method !== 'GET') storageFaults.apply({ kind: 'saved' });
  const decoded = schema.safeParse(json);
  if (!decoded.success) {
    console.warn('Unexpected response shape', method, path, decoded.error.issues);
    throw new ApiError(res.status, `The server's answer to ${method} ${path} was not understood. Reload the page.`);
  }
  return decoded.data;
}

const sessionsBody = z.object({ sessions: z.array(sessionSummarySchema) });
const sessionBody = z.object({ session: sessionSummarySchema });
const detailBody = z.object({ session: sessionDetailSchema });
const instructionBody = z.object({ instruction: instructionSchema });
const queueBody = z.object({ queue: z.array(instructionSchema) });
const skillsBody = z.object({ skills: z.array(slashPromptSchema) });
const attachmentBody = z.object({ attachment: attachmentSchema });
const okBody = z.object({ ok: z.literal(true) });
const healthBody = z.object({ storage: storageStatusSchema });

const s = (id: SessionId) => `/api/sessions/${encodeURIComponent(id)}`;

export const api = {
  listSessions: async (): Promise<SessionSummary[]> => (await request('GET', '/api/sessions', sessionsBody)).sessions,
  getSession: async (id: SessionId): Promise<SessionDetail> => (await request('GET', s(id), detailBody)).session,
  rename: async (id: SessionId, title: string): Promise<SessionSummary> => (await request('PATCH', s(id), sessionBody, { title })).session,
  markRead: async (id: SessionId): Promise<SessionSummary> => (await request('POST', `${s(id)}/read`, sessionBody)).session,
  stop: async (id: SessionId): Promise<SessionSummary> => (await request('POST', `${s(id)}/stop`, sessionBody)).session,
  remove: async (id: SessionId): Promise<void> => void (await request('DELETE', s(id), okBody)),
  clearConversation: async (id: SessionId): Promise<SessionDetail> => (await request('DELETE', `${s(id)}/messages`, detailBody)).session,

  queue: async (id: SessionId, content: string): Promise<Instruction> =>
    (await request('POST', `${s(id)}/instructions`, instructionBody, { content })).instruction,
  editQueued: async (id: SessionId, instructionId: InstructionId, content: string): Promise<Instruction> =>
    (await request('PATCH', `${s(id)}/instructions/${instructionId}`, instructionBody, { content })).instruction,
  deleteQueued: async (id: SessionId, instructionId: InstructionId): Promise<void> =>
    void (await request('DELETE', `${s(id)}/instructions/${instructionId}`, okBody)),
  reorderQueue: async (id: SessionId, order: InstructionId[]): Promise<Instruction[]> =>
    (await request('PUT', `${s(id)}/instructions/order`, queueBody, { order })).queue,

  deleteAttachment: async (id: SessionId, attachmentId: AttachmentId): Promise<void> =>
    void (await request('DELETE', `${s(id)}/attachments/${attachmentId}`, okBody)),

  listSlashPrompts: async (): Promise<SlashPrompt[]> => (await request('GET', '/api/skills', skillsBody)).skills,
  createSlashPrompt: async (name: string, content: string): Promise<SlashPrompt[]> =>
    (await request('POST', '/api/skills', skillsBody, { name, content })).skills,
  updateSlashPrompt: async (id: SlashPromptId, name: string, content: string): Promise<SlashPrompt[]> =>
    (await request('PATCH', `/api/skills/${id}`, skillsBody, { name, content })).skills,
  deleteSlashPrompt: async (id: SlashPromptId): Promise<SlashPrompt[]> => (await request('DELETE', `/api/skills/${id}`, skillsBody)).skills,

  /** The Codex integration check; null while the server does not offer it yet (404). */
  integration: async (): Promise<IntegrationReport | null> => {
    try {
      return await request('GET', '/api/integration', integrationStatusSchema);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
  /** Whether the server can still save (its database may have been deleted under it). */
  storageStatus: async (): Promise<StorageStatus> => (await request('GET', '/api/health', healthBody)).storage,
  /** Runs setup; the answer is the new status plus what setup did, in words. */
  runIntegrationSetup: async () => request('POST', '/api/integration/setup', integrationSetupResultSchema),
};

/** Where an attachment can be fetched: inline only for raster images (the server enforces it too). */
export function attachmentUrl(a: Pick<Attachment, 'id' | 'sessionId'>, inline = false): string {
  return `${s(a.sessionId)}/attachments/${a.id}${inline ? '?inline=1' : ''}`;
}

/** Uploads one file as multipart field `file`, reporting progress (fetch cannot report upload progress). */
export function uploadAttachment(
  sessionId: SessionId,
  file: File,
  onProgress: (fraction: number) => void,
): { done: Promise<Attachment>; cancel: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', `${s(sessionId)}/attachments`);
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
        const parsed = attachmentBody.safeParse(json);
        if (parsed.success) resolve(parsed.data.attachment);
        else reject(new ApiError(xhr.status, 'The upload finished but the answer was not understood. Reload the page.'));
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
