// Where Codex keeps its files (codex-cli 0.169: codex-rs/core/src/config). Paths only; nothing here reads them.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function codexHomeFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.CODEX_HOME ? resolve(env.CODEX_HOME) : join(homedir(), '.codex');
}

export const codexFiles = {
  config: (home: string) => join(home, 'config.toml'),
  sessions: (home: string) => join(home, 'sessions'),
  archivedSessions: (home: string) => join(home, 'archived_sessions'),
  skills: (home: string) => join(home, 'skills'),
  threadIndex: (home: string) => join(home, 'state_5.sqlite'),
};
