// Where things live and which ports to use, read once from the environment. No I/O beyond reading env.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { codexHomeFrom } from './codex/paths.js';

export const DEFAULT_API_PORT = 53127;
export const DEFAULT_UI_PORT = 53128;

export interface Settings {
  dataRoot: string;
  codexHome: string;
  host: string;
  apiPort: number;
  uiPort: number;
}

function port(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`${name} must be a port number from 0 to 65535 (0 picks a free port), not "${raw}".`);
  }
  return n;
}

/** The data root alone, for clients (MCP, CLI) that only need to find server.json and the token. */
export function dataRootFrom(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.CODEX_PRO_MAX_ROOT || env.CODEX_PRO_MAX_DATA_ROOT;
  return raw ? resolve(raw) : join(homedir(), '.codex-pro-max');
}

export function settingsFrom(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    dataRoot: dataRootFrom(env),
    codexHome: codexHomeFrom(env),
    host: env.CODEX_PRO_MAX_HOST?.trim() || '127.0.0.1',
    apiPort: port(env.CODEX_PRO_MAX_API_PORT, DEFAULT_API_PORT, 'CODEX_PRO_MAX_API_PORT'),
    uiPort: port(env.CODEX_PRO_MAX_UI_PORT, DEFAULT_UI_PORT, 'CODEX_PRO_MAX_UI_PORT'),
  };
}

export const dataFiles = {
  database: (root: string) => join(root, 'codex-pro-max.sqlite3'),
  serverInfo: (root: string) => join(root, 'server.json'),
  token: (root: string) => join(root, 'token'),
  attachments: (root: string, sessionId: string) => join(root, 'attachments', sessionId),
};
