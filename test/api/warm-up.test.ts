// A just-started server loads its own first page (warm-up.ts) as a signed-in browser would, through every check a
// browser's requests pass, so the first real load finds that code compiled and those files and rows cached.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let ts: TestServer | undefined;
let webRoot: string | undefined;
afterEach(async () => {
  await ts?.close();
  if (webRoot) rmSync(webRoot, { recursive: true, force: true });
});

it('asks itself for the page, every file the page names and the first page of the session list, and gets each', async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'cpm-warm-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(
    join(webRoot, 'index.html'),
    '<!doctype html><link rel="stylesheet" href="/assets/app-1.css"><script type="module" src="/assets/boot-2.js"></script>' +
      '<script type="module" src="/assets/app-3.js"></script>',
  );
  for (const name of ['app-1.css', 'boot-2.js', 'app-3.js']) writeFileSync(join(webRoot, 'assets', name), `/* ${name} */`);
  ts = await startTestServer({ webRoot });
  expect(await ts.server.warmedUp).toEqual([
    '/ 200',
    '/assets/app-1.css 200',
    '/assets/boot-2.js 200',
    '/assets/app-3.js 200',
    '/api/sessions?limit=100 200',
  ]);
});
