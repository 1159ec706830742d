// The UI the browser tests and benchmarks load is the production build a person runs, even though vitest sets
// NODE_ENV=test (Vite would follow it into a development build of React).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { compressible, precompressedPath, uiFileType } from '../../src/shared/ui-files.js';
import { ensureWebBuilt } from './web-build.js';

it('serves a production build of the UI', () => {
  const assets = join(ensureWebBuilt(), 'assets');
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((name) => name.startsWith('jsx-dev-runtime'))).toEqual([]);
  for (const name of scripts) expect(readFileSync(join(assets, name), 'utf8')).not.toContain('jsxDEV(');
}, 180_000);

it('leaves a brotli and a gzip copy beside every built file worth compressing, each decoding to that file', () => {
  const root = ensureWebBuilt();
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => compressible(uiFileType(name)));
  expect(files).toContain('index.html');
  expect(files.filter((name) => name.endsWith('.js')).length).toBeGreaterThan(0);
  for (const name of files) {
    const body = readFileSync(join(root, name));
    const br = readFileSync(precompressedPath(join(root, name), 'br'));
    const gz = readFileSync(precompressedPath(join(root, name), 'gzip'));
    expect([name, brotliDecompressSync(br).equals(body), gunzipSync(gz).equals(body)]).toEqual([name, true, true]);
  }
}, 180_000);
