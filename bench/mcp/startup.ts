// How long `codex-pro-max mcp` takes from spawn to answering initialize and tools/list. Codex waits for this before
// its first turn (the entry is `required`), so it is added to every Codex start. Needs a build (npm run build).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'codex-pro-max.js');
const RUNS = Number(process.argv[2] ?? 15);

function once(dataRoot: string): Promise<{ initialize: number; toolsList: number }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'mcp'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, CODEX_PRO_MAX_ROOT: dataRoot },
    });
    const send = (msg: object) => child.stdin.write(`${JSON.stringify(msg)}\n`);
    let buffer = '';
    let initialize = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const msg = JSON.parse(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        if (msg.id === 1) {
          initialize = performance.now() - t0;
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
        } else if (msg.id === 2) {
          if (msg.result?.tools?.length !== 3) fail(new Error(`unexpected tools/list answer: ${JSON.stringify(msg)}`));
          done({ initialize, toolsList: performance.now() - t0 });
          child.stdin.end();
        }
      }
    });
    child.once('error', fail);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
    });
  });
}

const dataRoot = mkdtempSync(join(tmpdir(), 'cpm-bench-mcp-'));
try {
  const runs: { initialize: number; toolsList: number }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(dataRoot));
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
    return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${at(0).toFixed(0)} ms, max ${at(1).toFixed(0)} ms`;
  };
  console.log(`codex-pro-max mcp startup, ${RUNS} runs (Node ${process.versions.node})`);
  console.log(`  spawn → initialize answered: ${stats(runs.map((r) => r.initialize))}`);
  console.log(`  spawn → tools/list answered: ${stats(runs.map((r) => r.toolsList))}`);
} finally {
  rmSync(dataRoot, { recursive: true, force: true });
}
