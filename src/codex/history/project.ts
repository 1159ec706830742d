// Which project a working folder belongs to: the git repository holding it (the nearest folder up with a `.git`
// entry), else the folder itself. Works on POSIX and Windows paths whatever platform reads them, since a Codex home
// copied from another machine (or indexed over a share) names folders in that machine's style.
import { existsSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import type { HistoryProject } from '../../shared/history.js';

/** A Windows path: a drive letter (`C:\`, `c:/`) or a UNC share (`\\server\share`). */
export function isWindowsPath(p: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

const flavour = (p: string) => (isWindowsPath(p) ? win32 : posix);

/** The folder without trailing separators, `.` or `..` parts; a root stays a root. */
export function normalizeFolder(p: string): string {
  const path = flavour(p);
  const n = path.normalize(p);
  const root = path.parse(n).root;
  return n.length > root.length ? n.replace(/[\\/]+$/, '') : n;
}

/** The last path segment, for display; the path itself for a root. */
export function folderLabel(p: string): string {
  return flavour(p).basename(p) || p;
}

/**
 * Walks up from `cwd` to the first folder for which `hasGit` is true. `hasGit` is asked once per folder; pass a
 * cached one (see GitRootFinder). Returns null when no folder up to the root has one.
 */
export function findGitRoot(cwd: string, hasGit: (folder: string) => boolean): string | null {
  const path = flavour(cwd);
  let folder = normalizeFolder(cwd);
  for (let i = 0; i < 256; i++) {
    if (hasGit(folder)) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
  return null;
}

/** The project a session's working folder belongs to. */
export function projectOf(cwd: string | null, gitRoot: string | null): HistoryProject {
  if (gitRoot) return { key: gitRoot, label: folderLabel(gitRoot), kind: 'git' };
  if (!cwd) return { key: '', label: 'No folder', kind: 'none' };
  const folder = normalizeFolder(cwd);
  return { key: folder, label: folderLabel(folder), kind: 'folder' };
}

/** Finds git roots through the file system, remembering each folder's answer (thousands of sessions share a few). */
export class GitRootFinder {
  private readonly hasGitCache = new Map<string, boolean>();
  private readonly rootCache = new Map<string, string | null>();

  constructor(private readonly exists: (path: string) => boolean = existsSync) {}

  rootOf(cwd: string | null): string | null {
    if (!cwd) return null;
    const known = this.rootCache.get(cwd);
    if (known !== undefined) return known;
    const path = flavour(cwd);
    const root = findGitRoot(cwd, (folder) => {
      let has = this.hasGitCache.get(folder);
      if (has === undefined) {
        has = this.exists(path.join(folder, '.git'));
        this.hasGitCache.set(folder, has);
      }
      return has;
    });
    this.rootCache.set(cwd, root);
    return root;
  }
}
