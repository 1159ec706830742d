// A small HTTP client for the local API, used by the CLI and the MCP server. It re-reads server.json and the
// token on every call, so it follows a server that restarted on another port.

import { readServerInfo, readToken } from '../server/server-file.js';
import { type Answer, ApiError, decodeAnswer, type Endpoint, pathOf } from '../shared/api.js';

export { ApiError };

export class ServerUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerUnavailable';
  }
}

export class ApiClient {
  constructor(private readonly dataRoot: string) {}

  /** The API base URL and token, or a ServerUnavailable that says how to start the server. */
  endpoint(): { apiUrl: string; uiUrl: string; token: string } {
    const info = readServerInfo(this.dataRoot);
    const token = readToken(this.dataRoot);
    if (!info || !token) {
      throw new ServerUnavailable(
        `Codex Pro Max is not running (no server.json in ${this.dataRoot}). Start it with "npm start" in the Codex Pro Max folder.`,
      );
    }
    return { apiUrl: info.apiUrl, uiUrl: info.uiUrl, token };
  }

  /** Calls `endpoint` (parameters filled into its path) and decodes the answer through the shared contract. */
  async call<E extends Endpoint>(
    endpoint: E,
    options: { params?: Record<string, string>; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<Answer<E>> {
    const { apiUrl, token } = this.endpoint();
    const { body, signal } = options;
    let response: Response;
    try {
      response = await fetch(`${apiUrl}${pathOf(endpoint, options.params)}`, {
        method: endpoint.method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ServerUnavailable(`Could not reach Codex Pro Max at ${apiUrl} (${(error as Error).message}). Is it running?`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { error: text.slice(0, 500) };
    }
    try {
      return decodeAnswer(endpoint, response.status, parsed);
    } catch (error) {
      // A 503 without a code is a server shutting down or starting; one with a code is a deliberate answer.
      if (error instanceof ApiError && error.status === 503 && error.code === undefined) throw new ServerUnavailable(error.message);
      throw error;
    }
  }
}
