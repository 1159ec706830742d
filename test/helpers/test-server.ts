// Starts a real Codex Pro Max server on free loopback ports with a throwaway data root, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, type StartOptions, startServer } from '../../src/server/start.js';
import type { Settings } from '../../src/settings.js';

export interface TestServer {
  server: RunningServer;
  dataRoot: string;
  codexHome: string;
  apiUrl: string;
  uiUrl: string;
  token: string;
  /** fetch against the API with the token; `path` starts with /api. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** api() and parse the JSON body, returning [status, body]. */
  call<T = any>(method: string, path: string, json?: unknown): Promise<[number, T]>;
  close(): Promise<void>;
}

/** fetch against an API with the bearer token; `json` is sent as the body with its content type. */
export function apiFetcher(apiUrl: string, token: string): TestServer['api'] {
  return (path, init = {}) => {
    const { json, headers, ...rest } = init;
    return fetch(`${apiUrl}${path}`, {
      ...rest,
      headers: {
        authorization: `Bearer ${token}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...(headers as Record<string, string> | undefined),
      },
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
  };
}

/** `call(method, path, json)` against an API with the bearer token, returning [status, parsed body]. */
export function apiCaller(apiUrl: string, token: string) {
  return async <T = any>(method: string, path: string, json?: unknown): Promise<[number, T]> => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await res.text();
    return [res.status, text ? JSON.parse(text) : null];
  };
}

export async function startTestServer(
  options: { dataRoot?: string; codexHome?: string; webRoot?: string | null; start?: Omit<StartOptions, 'webRoot'> } = {},
): Promise<TestServer> {
  const dataRoot = options.dataRoot ?? mkdtempSync(join(tmpdir(), 'cpm-data-'));
  const codexHome = options.codexHome ?? mkdtempSync(join(tmpdir(), 'cpm-codex-home-'));
  const settings: Settings = { dataRoot, codexHome, host: '127.0.0.1', apiPort: 0, uiPort: 0 };
  const server = await startServer(settings, { ...options.start, webRoot: options.webRoot ?? null });
  const api = apiFetcher(server.apiUrl, server.token);
  return {
    server,
    dataRoot,
    codexHome,
    apiUrl: server.apiUrl,
    uiUrl: server.uiUrl,
    token: server.token,
    api,
    call: apiCaller(server.apiUrl, server.token),
    async close() {
      await server.close();
      if (!options.dataRoot) rmSync(dataRoot, { recursive: true, force: true });
      if (!options.codexHome) rmSync(codexHome, { recursive: true, force: true });
    },
  };
}
