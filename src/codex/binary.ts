// Finds the codex executable (CODEX_PRO_MAX_CODEX_BIN, then PATH, then npm's global folder) and reads its version.
// Only looks and asks `codex --version`; must not run anything else or change any file.
import { execFile } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Oldest codex-cli we support: the one whose MCP `_meta.threadId`, `default_tools_approval_mode` and exec events we verified. */
export const MIN_CODEX_VERSION = '0.169.0';

export interface CodexBinary {
  /** The file found (may be npm's codex.js / codex.cmd wrapper or the native binary). */
  path: string;
  source: 'env' | 'path' | 'npm-global';
  /** How to start it without a shell: `command ...args <codex args>`. */
  command: string;
  args: string[];
  /** This project's own codex, passed over on PATH before `path` (see OWN_BIN_DIR). */
  skipped?: string;
}

const IS_WINDOWS = process.platform === 'win32';

/**
 * Our own node_modules/.bin: npm scripts (`npm start`) put it first on PATH, and the Codex there is the one our tests
 * pin, not the person's. It is never picked for them.
 */
export const OWN_BIN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '.bin');

/** Why this binary was chosen, in words for `doctor`. */
export function howFound(binary: CodexBinary): string {
  if (binary.source === 'env') return 'set by CODEX_PRO_MAX_CODEX_BIN';
  if (binary.source === 'path' && binary.skipped)
    return `the first codex on PATH after this project's own copy (${binary.skipped}), which npm scripts put first; that one is only for its tests and is never used`;
  if (binary.source === 'path') return 'the first codex on PATH';
  return "in npm's global folder";
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** npm's Windows shims (.cmd) need a shell, and a codex.js wrapper needs node; find a directly runnable form. */
function launchOf(file: string, source: CodexBinary['source']): CodexBinary {
  let real = file;
  try {
    real = realpathSync(file);
  } catch {
    // keep the path as given
  }
  if (/\.(c|m)?js$/i.test(real)) return { path: file, source, command: process.execPath, args: [real] };
  if (/\.(cmd|bat|ps1)$/i.test(real)) {
    // npm global shim: <prefix>/codex.cmd next to <prefix>/node_modules/@openai/codex/bin/codex.js
    const js = join(dirname(real), 'node_modules', '@openai', 'codex', 'bin', 'codex.js');
    if (isFile(js)) return { path: file, source, command: process.execPath, args: [js] };
  }
  return { path: file, source, command: real, args: [] };
}

/** The folder as the file system resolves it (links followed), or null when it does not exist. */
function realDir(dir: string): string | null {
  try {
    // The native call is one syscall; the JS one walks every component with an lstat (tens of ms over a long PATH).
    return realpathSync.native(dir);
  } catch {
    return null;
  }
}

/**
 * Whether a folder is `folder` however PATH spells it (a symlinked checkout, a trailing slash): by name, or once links
 * are followed. `folder` is resolved once, for a whole PATH.
 */
function isFolder(folder: string): (dir: string) => boolean {
  const named = resolve(folder);
  const real = realDir(folder);
  return (dir) => resolve(dir) === named || (real !== null && realDir(dir) === real);
}

/** The first codex on PATH outside `skipDir`, and the one in `skipDir` it passed over, if any. */
function onPath(env: NodeJS.ProcessEnv, skipDir: string): { found: string | null; skipped?: string } {
  const names = IS_WINDOWS ? ['codex.exe', 'codex.cmd', 'codex.bat', 'codex'] : ['codex'];
  const isSkipped = isFolder(skipDir);
  let skipped: string | undefined;
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean)) {
    const candidates = names.map((name) => join(dir, name)).filter(isFile);
    if (candidates.length === 0) continue;
    const own = isSkipped(dir);
    for (const candidate of candidates) {
      if (!own) return { found: candidate, skipped };
      skipped ??= candidate;
    }
  }
  return { found: null, skipped };
}

/** npm's global package folder, computed without running npm (which is slow and may be missing). */
function npmGlobalCandidates(env: NodeJS.ProcessEnv): string[] {
  const prefixes = new Set<string>();
  if (env.npm_config_prefix) prefixes.add(env.npm_config_prefix);
  if (env.NPM_CONFIG_PREFIX) prefixes.add(env.NPM_CONFIG_PREFIX);
  if (IS_WINDOWS) {
    if (env.APPDATA) prefixes.add(join(env.APPDATA, 'npm'));
    prefixes.add(dirname(process.execPath));
  } else {
    prefixes.add(dirname(dirname(process.execPath)));
    prefixes.add(join(homedir(), '.npm-global'));
    prefixes.add('/usr/local');
  }
  const out: string[] = [];
  for (const prefix of prefixes) {
    const modules = IS_WINDOWS ? join(prefix, 'node_modules') : join(prefix, 'lib', 'node_modules');
    out.push(join(modules, '@openai', 'codex', 'bin', 'codex.js'));
  }
  return out;
}

/**
 * `env` for a Codex started on the person's behalf: PATH without our own node_modules/.bin, so the commands it runs
 * (and a daemon that serves their terminal sessions later) find their tools, not the ones this project pins for its
 * tests.
 */
export function personEnv(env: NodeJS.ProcessEnv, ownBinDir = OWN_BIN_DIR): NodeJS.ProcessEnv {
  const key = env.PATH !== undefined ? 'PATH' : env.Path !== undefined ? 'Path' : null;
  if (!key) return { ...env };
  const isOwn = isFolder(ownBinDir);
  const kept = (env[key] ?? '').split(delimiter).filter((dir) => !dir || !isOwn(dir));
  return { ...env, [key]: kept.join(delimiter) };
}

/** Where codex is and how to start it, or null when it cannot be found anywhere we look. */
export function findCodexBinary(env: NodeJS.ProcessEnv = process.env, ownBinDir = OWN_BIN_DIR): CodexBinary | null {
  const pinned = env.CODEX_PRO_MAX_CODEX_BIN?.trim();
  if (pinned) return existsSync(pinned) ? launchOf(pinned, 'env') : null;
  const fromPath = onPath(env, ownBinDir);
  if (fromPath.found) return { ...launchOf(fromPath.found, 'path'), ...(fromPath.skipped ? { skipped: fromPath.skipped } : {}) };
  const global = npmGlobalCandidates(env).find(isFile);
  return global ? launchOf(global, 'npm-global') : null;
}

/** `codex --version` as "0.169.0", or null if it does not run or prints something unexpected. */
export function readCodexVersion(binary: CodexBinary, timeoutMs = 15_000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(binary.command, [...binary.args, '--version'], { timeout: timeoutMs, windowsHide: true }, (error, stdout) => {
      if (error) return resolve(null);
      resolve(/(\d+\.\d+\.\d+(?:-[\w.]+)?)/.exec(String(stdout))?.[1] ?? null);
    });
  });
}

/** Numeric comparison of dotted versions; pre-release suffixes are ignored. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface CodexCheck {
  ok: boolean;
  binary: CodexBinary | null;
  version: string | null;
  /** What is wrong and how to fix it, for someone who has never seen the project. */
  problem?: string;
  fix?: string;
}

const INSTALL_FIX =
  'Install the Codex CLI with "npm install -g @openai/codex" (or see https://github.com/openai/codex), or set CODEX_PRO_MAX_CODEX_BIN to the full path of the codex program.';

/** Finds codex and checks that it runs and is new enough. */
export async function checkCodexBinary(env: NodeJS.ProcessEnv = process.env): Promise<CodexCheck> {
  const binary = findCodexBinary(env);
  if (!binary) {
    const pinned = env.CODEX_PRO_MAX_CODEX_BIN?.trim();
    return {
      ok: false,
      binary: null,
      version: null,
      problem: pinned
        ? `CODEX_PRO_MAX_CODEX_BIN points to "${pinned}", which does not exist.`
        : 'The Codex CLI ("codex") was not found on this computer.',
      fix: pinned ? 'Fix or remove CODEX_PRO_MAX_CODEX_BIN.' : INSTALL_FIX,
    };
  }
  const version = await readCodexVersion(binary);
  if (!version) {
    return { ok: false, binary, version, problem: `"${binary.path} --version" did not run or printed no version.`, fix: INSTALL_FIX };
  }
  if (compareVersions(version, MIN_CODEX_VERSION) < 0) {
    return {
      ok: false,
      binary,
      version,
      problem: `Codex ${version} at ${binary.path} is too old; Codex Pro Max needs ${MIN_CODEX_VERSION} or newer.`,
      fix: 'Update it with "npm install -g @openai/codex@latest".',
    };
  }
  return { ok: true, binary, version };
}
