// Decides which Chromium the UI tests drive: CODEX_PRO_MAX_CHROMIUM, else an installed Chrome or Chromium, else the
// build inside the npm package @sparticuz/chromium. Only looks at paths; it never starts or unpacks a browser.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const BROWSER_ENV = 'CODEX_PRO_MAX_CHROMIUM';

export type BrowserChoice = { source: 'env' | 'installed'; path: string } | { source: 'npm-package' };

/** No browser to run: the explicit setting names a missing file, or nothing is installed and the npm build cannot run here. */
export class BrowserNotFound extends Error {
  constructor(
    message: string,
    readonly looked: string[],
  ) {
    super(message);
    this.name = 'BrowserNotFound';
  }
}

export interface FindBrowserOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  arch?: string;
  /** Where to look for an installed browser, in order; defaults to browserCandidates(platform, env). */
  candidates?: string[];
  isFile?: (path: string) => boolean;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The usual install locations of Chromium and Google Chrome on this platform, in the order tried. */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    const apps = ['/Applications', posix.join(env.HOME ?? homedir(), 'Applications')];
    return apps.flatMap((dir) => [
      posix.join(dir, 'Chromium.app/Contents/MacOS/Chromium'),
      posix.join(dir, 'Google Chrome.app/Contents/MacOS/Google Chrome'),
    ]);
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env.LOCALAPPDATA];
    return roots
      .filter((root): root is string => Boolean(root))
      .flatMap((root) => [
        win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
        win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

/** The browser to launch, or BrowserNotFound with what was looked at and how to fix it. */
export function findBrowser(opts: FindBrowserOptions = {}): BrowserChoice {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const arch = opts.arch ?? process.arch;
  const exists = opts.isFile ?? isFile;
  const pinned = env[BROWSER_ENV]?.trim();
  if (pinned) {
    // A setting that names a missing file is a typo to report, not a reason to quietly test with another browser.
    if (exists(pinned)) return { source: 'env', path: pinned };
    throw new BrowserNotFound(`${BROWSER_ENV} is set to "${pinned}", which is not a file. Fix it or unset it.`, [pinned]);
  }
  const candidates = opts.candidates ?? browserCandidates(platform, env);
  const installed = candidates.find((path) => exists(path));
  if (installed) return { source: 'installed', path: installed };
  // The npm package ships one Linux x64 build only.
  if (platform === 'linux' && arch === 'x64') return { source: 'npm-package' };
  throw new BrowserNotFound(
    `The UI tests need Chromium or Google Chrome and found none (looked at ${candidates.join(', ')}; the build in @sparticuz/chromium runs on Linux x64 only). Install Chrome, or set ${BROWSER_ENV} to the browser's executable.`,
    candidates,
  );
}
