// The UI the browser tests and benchmarks load is the production build a person runs, even though vitest sets
// NODE_ENV=test (Vite would follow it into a development build of React).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ensureWebBuilt } from './web-build.js';

it('serves a production build of the UI', () => {
  const assets = join(ensureWebBuilt(), 'assets');
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((name) => name.startsWith('jsx-dev-runtime'))).toEqual([]);
  for (const name of scripts) expect(readFileSync(join(assets, name), 'utf8')).not.toContain('jsxDEV(');
}, 180_000);
