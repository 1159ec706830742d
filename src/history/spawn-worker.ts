// Starts one of History's worker threads (the index worker, the parse workers) from this folder, built or not.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Built code runs `<name>.js` directly. From TypeScript sources (tests, `tsx`), a worker does not inherit the loader,
 * so a two-line bootstrap registers tsx inside the worker before importing `<name>.ts`.
 */
export function spawnHistoryWorker(name: 'worker' | 'parse-worker', workerData: unknown): Worker {
  const here = new URL('.', import.meta.url);
  const built = new URL(`${name}.js`, here);
  if (existsSync(built)) return new Worker(built, { workerData });
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const entry = new URL(`${name}.ts`, here).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
