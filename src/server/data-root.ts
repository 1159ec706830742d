// The data folder holds the access token and everything typed to Codex, so only its user may read it. This tightens
// what an older version, a copy or a umask of 022 left open to others; it never creates, loosens or follows links.
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataFiles } from '../settings.js';

/** Folders 0700, files 0600 at most: the group and other bits go, the owner's stay as they were. */
const OTHERS = 0o077;

/**
 * Tightens the data root, its database files, token, server.json and the attachments tree; returns one line per
 * change or failure for the log. Skipped on Windows, where mode bits mean nothing and the profile's ACLs apply.
 */
export function tightenDataRoot(root: string): string[] {
  if (process.platform === 'win32') return [];
  const notes: string[] = [];
  const database = dataFiles.database(root);
  for (const path of [root, database, `${database}-wal`, `${database}-shm`, dataFiles.token(root), dataFiles.serverInfo(root)]) {
    tighten(path, notes);
  }
  walk(join(root, 'attachments'), notes);
  return notes;
}

function walk(dir: string, notes: string[]): void {
  if (!tighten(dir, notes)) return;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory()) walk(path, notes);
    else tighten(path, notes);
  }
}

/** True when `path` is a real folder (worth walking into). */
function tighten(path: string, notes: string[]): boolean {
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (!info || info.isSymbolicLink()) return false;
  const mode = info.mode & 0o7777;
  if (mode & OTHERS) {
    const tight = mode & ~OTHERS;
    try {
      chmodSync(path, tight);
      notes.push(`${path}: ${octal(mode)} -> ${octal(tight)}`);
    } catch (error) {
      notes.push(`${path}: still ${octal(mode)}, could not tighten it (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  return info.isDirectory();
}

const octal = (mode: number) => `0${mode.toString(8)}`;
