// The order in which the UI tests pick a browser, with the file checks and candidate list faked, so the answer does not
// depend on what this machine has installed.
import { describe, expect, it } from 'vitest';
import { BROWSER_ENV, BrowserNotFound, browserCandidates, findBrowser } from './find-browser.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/google-chrome'];
const filesAt =
  (...files: string[]) =>
  (path: string) =>
    files.includes(path);

describe('findBrowser', () => {
  it.each([
    [
      'the setting wins over an installed browser',
      { [BROWSER_ENV]: '/opt/my/chrome' },
      ['/opt/my/chrome', '/usr/bin/chromium'],
      { source: 'env', path: '/opt/my/chrome' },
    ],
    [
      'the first installed browser in the list',
      {},
      ['/usr/bin/chromium', '/usr/bin/google-chrome'],
      { source: 'installed', path: '/usr/bin/chromium' },
    ],
    ['a later one when the first is missing', {}, ['/usr/bin/google-chrome'], { source: 'installed', path: '/usr/bin/google-chrome' }],
    ['the npm package when none is installed', {}, [], { source: 'npm-package' }],
    ['a blank setting counts as unset', { [BROWSER_ENV]: '  ' }, [], { source: 'npm-package' }],
  ])('%s', (_name, env, files, expected) => {
    expect(findBrowser({ env, candidates: CANDIDATES, isFile: filesAt(...files), platform: 'linux', arch: 'x64' })).toEqual(expected);
  });

  it('fails when the setting names a missing file, even though another browser is installed', () => {
    const find = () =>
      findBrowser({
        env: { [BROWSER_ENV]: '/nowhere/chrome' },
        candidates: CANDIDATES,
        isFile: filesAt('/usr/bin/chromium'),
        platform: 'linux',
        arch: 'x64',
      });
    expect(find).toThrow(BrowserNotFound);
    expect(find).toThrow(`${BROWSER_ENV} is set to "/nowhere/chrome"`);
  });

  it.each([
    ['darwin', 'arm64'],
    ['linux', 'arm64'],
    ['win32', 'x64'],
  ] as const)('fails on %s %s with nothing installed, where the npm package has no build, naming the setting', (platform, arch) => {
    const find = () => findBrowser({ env: {}, candidates: CANDIDATES, isFile: () => false, platform, arch });
    expect(find).toThrow(BrowserNotFound);
    expect(find).toThrow(BROWSER_ENV);
  });

  it('asks only the injected file check, so the real disk plays no part', () => {
    const asked: string[] = [];
    const isFile = (path: string) => {
      asked.push(path);
      return false;
    };
    findBrowser({ env: {}, candidates: CANDIDATES, isFile, platform: 'linux', arch: 'x64' });
    expect(asked).toEqual(CANDIDATES);
  });
});

describe('browserCandidates', () => {
  it('lists Debian, Ubuntu, Google and snap locations on Linux, Chromium first', () => {
    const linux = browserCandidates('linux', {});
    expect(linux[0]).toBe('/usr/bin/chromium');
    expect(linux).toEqual(
      expect.arrayContaining([
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/snap/bin/chromium',
      ]),
    );
  });

  it('lists the app bundles on macOS, including the user Applications folder', () => {
    expect(browserCandidates('darwin', { HOME: '/Users/ann' })).toEqual([
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ]);
  });

  it('lists chrome.exe under Program Files and the per-user folder on Windows', () => {
    const win = browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' });
    expect(win).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(win).toContain('C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe');
    expect(win).toContain('C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
  });
});
