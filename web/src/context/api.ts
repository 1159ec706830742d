// Carrying context on: the HTTP calls, decoded with the shared wire schemas (src/shared/context.ts).
import { api as endpoints } from '../../../src/shared/api.js';
import type { ContextPreviewBody, ContextStartBody } from '../../../src/shared/context.js';
import { call } from '../api.js';

export const contextApi = {
  preview: async (body: Partial<ContextPreviewBody> & Pick<ContextPreviewBody, 'sources'>) => call(endpoints.contextPreview, {}, body),
  start: async (body: Partial<ContextStartBody> & Pick<ContextStartBody, 'previewId' | 'prompt'>) =>
    (await call(endpoints.contextStart, {}, body)).session,
  links: async (query: { sessionId: string } | { threadId: string }) =>
    (await call(endpoints.contextLinks, {}, undefined, query as Record<string, string>)).links,
};
