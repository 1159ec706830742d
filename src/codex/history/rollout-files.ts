// Where rollouts live in a Codex home and what their names say: `sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl`
// (nested by day) and `archived_sessions/rollout-….jsonl` (flat, where Codex moves archived threads). Pure.
import { posix, win32 } from 'node:path';
import { isWindowsPath } from './project.js';

const ROLLOUT_NAME = /^rollout-.*\.jsonl$/;
const UUID_AT_END = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;

/** Whether a file name is a rollout's. */
export function isRolloutName(name: string): boolean {
  return ROLLOUT_NAME.test(name);
}

/** The thread id a rollout's file name ends with, lower-cased; null for other names. */
export function threadIdFromPath(path: string): string | null {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return UUID_AT_END.exec(name)?.[1]?.toLowerCase() ?? null;
}

/** The two folders of a Codex home that hold rollouts, and whether the threads in each are archived. */
export function rolloutRoots(codexHome: string): { dir: string; archived: boolean }[] {
  const path = isWindowsPath(codexHome) ? win32 : posix;
  return [
    { dir: path.join(codexHome, 'sessions'), archived: false },
    { dir: path.join(codexHome, 'archived_sessions'), archived: true },
  ];
}

/** Codex's file of thread names (`{id, thread_name, updated_at}` per line, newest last) in a Codex home. */
export function threadNamesFile(codexHome: string): string {
  return (isWindowsPath(codexHome) ? win32 : posix).join(codexHome, 'session_index.jsonl');
}
