import { describe, expect, it } from 'vitest';
import { originatorKind } from './originator.js';
import { findGitRoot, folderLabel, GitRootFinder, isWindowsPath, normalizeFolder, projectOf } from './project.js';
import { rolloutRoots, threadIdFromPath, threadNamesFile } from './rollout-files.js';

describe('projects from working folders', () => {
  it('walks up to the nearest folder with .git, on POSIX and Windows paths alike', () => {
    const gits = new Set(['/home/me/app', 'C:\\Users\\me\\repo', '\\\\server\\share\\proj']);
    const has = (f: string) => gits.has(f);
    expect(findGitRoot('/home/me/app/src/lib/', has)).toBe('/home/me/app');
    expect(findGitRoot('/home/me/other', has)).toBeNull();
    expect(findGitRoot('C:\\Users\\me\\repo\\src\\deep', has)).toBe('C:\\Users\\me\\repo');
    expect(findGitRoot('C:/Users/me/repo/src', has)).toBe('C:\\Users\\me\\repo');
    expect(findGitRoot('\\\\server\\share\\proj\\x', has)).toBe('\\\\server\\share\\proj');
    expect(findGitRoot('D:\\', has)).toBeNull();
  });

  it('names a project by its repository, else its folder', () => {
    expect(projectOf('C:\\Users\\me\\repo\\src', 'C:\\Users\\me\\repo')).toEqual({
      key: 'C:\\Users\\me\\repo',
      label: 'repo',
      kind: 'git',
    });
    expect(projectOf('C:\\work\\scratch\\', null)).toEqual({ key: 'C:\\work\\scratch', label: 'scratch', kind: 'folder' });
    expect(projectOf('/tmp/x/', null)).toEqual({ key: '/tmp/x', label: 'x', kind: 'folder' });
    expect(projectOf(null, null)).toEqual({ key: '', label: 'No folder', kind: 'none' });
    expect(normalizeFolder('C:\\')).toBe('C:\\');
    expect(folderLabel('/')).toBe('/');
    expect(isWindowsPath('c:/x')).toBe(true);
    expect(isWindowsPath('/c/x')).toBe(false);
  });

  it('asks the file system once per folder', () => {
    const asked: string[] = [];
    const finder = new GitRootFinder((p) => {
      asked.push(p);
      return p === '/r/.git';
    });
    expect(finder.rootOf('/r/a/b')).toBe('/r');
    expect(finder.rootOf('/r/a/c')).toBe('/r');
    expect(asked).toEqual(['/r/a/b/.git', '/r/a/.git', '/r/.git', '/r/a/c/.git']);
  });
});

describe('rollout file names', () => {
  it('reads the thread id from POSIX and Windows paths', () => {
    const id = '019a0000-0000-7000-8000-000000000001';
    expect(threadIdFromPath(`/h/sessions/2026/01/01/rollout-2026-01-01T00-00-00-${id}.jsonl`)).toBe(id);
    expect(threadIdFromPath(`C:\\Users\\me\\.codex\\sessions\\2026\\01\\01\\rollout-2026-01-01T00-00-00-${id.toUpperCase()}.jsonl`)).toBe(
      id,
    );
    expect(threadIdFromPath('/h/sessions/notes.jsonl')).toBeNull();
  });

  it('finds the rollout folders of a Windows Codex home with Windows separators', () => {
    expect(rolloutRoots('C:\\Users\\me\\.codex')).toEqual([
      { dir: 'C:\\Users\\me\\.codex\\sessions', archived: false },
      { dir: 'C:\\Users\\me\\.codex\\archived_sessions', archived: true },
    ]);
    expect(threadNamesFile('/home/me/.codex')).toBe('/home/me/.codex/session_index.jsonl');
  });
});

describe('originators', () => {
  it.each([
    ['codex-tui', 'cli', 'terminal'],
    ['codex_cli_rs', 'cli', 'terminal'],
    ['codex_exec', 'exec', 'exec'],
    ['codex_vscode', 'vscode', 'ide'],
    ['Codex Desktop', null, 'desktop'],
    ['codex-pro-max', 'cli', 'codex_pro_max'],
    ['codex_sdk_ts', 'exec', 'exec'],
    ['something_new', 'mcp', 'other'],
    [null, null, 'other'],
  ] as const)('%s / %s is %s', (originator, source, kind) => {
    expect(originatorKind(originator, source)).toBe(kind);
  });
});
