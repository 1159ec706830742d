// server.json and the token file: how clients (CLI, MCP, helper script, browser link) find a running server.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dataFiles } from '../settings.js';

export interface ServerInfo {
  pid: number;
  apiUrl: string;
  uiUrl: string;
  version: string;
  startedAt: string;
}

function writePrivate(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  // mode applies only when the file is created; tighten an existing one too.
  chmodSync(file, 0o600);
}

/** The access token, created once (256 random bits) and kept readable only by the user. */
export function ensureToken(dataRoot: string): string {
  mkdirSync(dataRoot, { recursive: true, mode: 0o700 });
  const file = dataFiles.token(dataRoot);
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 32) return token;
  }
  const token = randomBytes(32).toString('base64url');
  writePrivate(file, `${token}\n`);
  return token;
}

export function readToken(dataRoot: string): string | null {
  try {
    return readFileSync(dataFiles.token(dataRoot), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

export function writeServerInfo(dataRoot: string, info: ServerInfo): void {
  writePrivate(dataFiles.serverInfo(dataRoot), `${JSON.stringify(info, null, 2)}\n`);
}

export function readServerInfo(dataRoot: string): ServerInfo | null {
  try {
    const info = JSON.parse(readFileSync(dataFiles.serverInfo(dataRoot), 'utf8')) as ServerInfo;
    return typeof info.apiUrl === 'string' && typeof info.uiUrl === 'string' ? info : null;
  } catch {
    return null;
  }
}

/** Removes server.json only if it still describes this process (a newer server may have replaced it). */
export function removeServerInfo(dataRoot: string, pid: number): void {
  const info = readServerInfo(dataRoot);
  if (info?.pid === pid) rmSync(dataFiles.serverInfo(dataRoot), { force: true });
}
