// Launches Chromium through playwright-core for UI tests (find-browser.ts says which one). A missing browser is a
// failure, never a skip.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { bundledChromium } from './bundled-chromium.js';
import { findBrowser } from './find-browser.js';
import { installNotificationStandIn } from './notification-stand-in.js';

// The machine has no network: without the networking flags Chromium keeps dialling Google and floods refused
// connections. --no-sandbox because the tests may run as root, where Chromium's sandbox refuses to start.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** The executable to start and, for the npm package's build (a chrome-headless-shell), what to add to its environment. */
async function browserExecutable(): Promise<{ path: string; env?: Record<string, string>; headlessShell: boolean }> {
  const choice = findBrowser();
  if (choice.source !== 'npm-package') return { path: choice.path, headlessShell: false };
  const bundled = await bundledChromium();
  return { path: bundled.executablePath, env: bundled.env, headlessShell: true };
}

/** A fresh Chromium profile in a temp dir; close() removes it. */
export async function launchChromium(): Promise<Browser> {
  const executable = await browserExecutable();
  const profile = mkdtempSync(join(tmpdir(), 'cpm-chromium-'));
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath: executable.path,
      env: executable.env && { ...process.env, ...executable.env },
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 800 },
    })
    .catch((error: unknown) => {
      rmSync(profile, { recursive: true, force: true });
      throw error;
    });
  if (executable.headlessShell) {
    // Run under tsx (the benches), a function's source calls esbuild's __name() helper, which the page lacks.
    await context.addInitScript('globalThis.__name ??= (fn) => fn;');
    await context.addInitScript(installNotificationStandIn);
  }
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Records what a person would see as broken: script errors, console errors (CSP violations included) and failed
 * requests. Usage/activity answer 404 for sessions with no rollout file yet; that is expected, not an error.
 */
export function collectPageErrors(page: import('playwright-core').Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !/\/(usage|activity)$/.test(new URL(r.url()).pathname))
      errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
}
