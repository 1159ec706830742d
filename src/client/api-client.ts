// A small HTTP client for the local API, used by the CLI and the MCP server. It re-reads server.json and the
// token on every call, so it follows a server that restarted on another port.
import { readServerInfo, readToken } from '../server/server-file.js';

export class ServerUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerUnavailable';
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's machine code ({ok:false,error,code}), when it sent one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
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
        `Codex Pro Max is not running (no server.json in ${this.dataRoot}). Start it with "npm start" in the Codex Pro Max folder, or "codex-pro-max start".`,
      );
    }
    return { apiUrl: info.apiUrl, uiUrl: info.uiUrl, token };
  }

  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const { apiUrl, token } = this.endpoint();
    let response: Response;
    try {
      response = await fetch(`${apiUrl}${path}`, {
        method,
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
      parsed = { ok: false, error: text.slice(0, 500) };
    }
    if (!response.ok) {
      const { error, code } = parsed as { error?: unknown; code?: unknown };
      const message = typeof error === 'string' ? error : `HTTP ${response.status}`;
      // A 503 without a code is a server shutting down or starting; one with a code is a deliberate answer.
      if (response.status === 503 && typeof code !== 'string') throw new ServerUnavailable(message);
      throw new ApiError(response.status, message, typeof code === 'string' ? code : undefined);
    }
    return parsed as T;
  }
}
