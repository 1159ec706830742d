#!/usr/bin/env node
// Entry point for the `codex-pro-max` command: runs the compiled CLI (npm start / npm run build produce dist/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const main = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(main)) {
  process.stderr.write(`Codex Pro Max is not built yet. In ${root}, run "npm start" once (it installs and builds), or "npm run build".\n`);
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(main).href);
process.exitCode = await runCli(process.argv.slice(2));
