#!/usr/bin/env node
// Codex Pro Max helper for Codex shells without the MCP tools: start / conclude / wait over the local HTTP API.
// Plain Node ESM with no dependencies; it only talks to the Codex Pro Max server named in <data root>/server.json.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const EXIT = { ok: 0, error: 1, usage: 2, stopped: 3, nothingYet: 4, unreachable: 5 };
const SLICE_MS = 240_000; // below Node fetch's 300 s headers timeout
const USAGE = `Usage: node cpm.mjs <command> [options]

Commands:
  start [--title T]            start or resume the Codex Pro Max session for this Codex thread
  conclude [--file F]          store your conclusion (read from F, or from stdin)
  wait [--seconds N]           wait for the person's next prompt (default up to 1200 s), print it

Options: --thread ID (default $CODEX_THREAD_ID), --json (print the raw answer)
Environment: CODEX_PRO_MAX_ROOT (data folder, default ~/.codex-pro-max),
             CODEX_PRO_MAX_RETRY_SECONDS (how long to retry a restarting server, default 60)

Exit codes: 0 ok (wait: prompt printed) | 3 stopped: end the loop, answer normally |
            4 no prompt yet: run wait again | 5 cannot reach Codex Pro Max | 2 usage | 1 other error`;

class Unreachable extends Error {}

function fail(code, message) {
  process.stderr.write(`${message.trimEnd()}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const opts = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') opts.json = true;
    else if (['--title', '--file', '--thread', '--seconds'].includes(arg)) {
      if (rest[i + 1] === undefined) fail(EXIT.usage, `${arg} needs a value.\n\n${USAGE}`);
      opts[arg.slice(2)] = rest[++i];
    } else fail(EXIT.usage, `Unknown option "${arg}".\n\n${USAGE}`);
  }
  return { command, opts };
}

function dataRoot() {
  const raw = process.env.CODEX_PRO_MAX_ROOT || process.env.CODEX_PRO_MAX_DATA_ROOT;
  return raw ? resolve(raw) : join(homedir(), '.codex-pro-max');
}

/** server.json + token, re-read on every call so a restarted server (new port) is followed. */
function endpoint() {
  const root = dataRoot();
  try {
    const info = JSON.parse(readFileSync(join(root, 'server.json'), 'utf8'));
    const token = readFileSync(join(root, 'token'), 'utf8').trim();
    if (typeof info.apiUrl === 'string' && token) return { apiUrl: info.apiUrl, token };
  } catch {
    // reported below
  }
  throw new Unreachable(
    `Codex Pro Max is not running (no server.json in ${root}). The user can start it with "npm start" in the Codex Pro Max folder. Until then, do the task and answer normally.`,
  );
}

function sandboxHelp(detail) {
  return [
    `Cannot connect to Codex Pro Max: ${detail}.`,
    'The Codex sandbox blocks network connections from shell commands, so this helper cannot reach the local Codex Pro Max server.',
    'What to do: use the codex_pro_max MCP tools instead (start_session, submit_conclusion, wait_for_instruction); they run outside the sandbox.',
    'If those tools are not available, tell the user to run "npm run setup" in the Codex Pro Max folder and restart Codex, or to run Codex with network access',
    '(for example "codex -s danger-full-access", or sandbox_workspace_write.network_access = true in config.toml).',
  ].join('\n');
}

async function request(method, path, body, timeoutMs = 30_000) {
  const { apiUrl, token } = endpoint();
  let res;
  try {
    res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const code = error?.cause?.code ?? error?.code ?? '';
    const reason = String(error?.cause?.message ?? error.message).replace(/ - Local \(.*?\)/, '');
    const detail = `${reason}${code && !reason.includes(code) ? ` (${code})` : ''}`;
    if (code === 'EPERM' || code === 'EACCES' || process.env.CODEX_SANDBOX_NETWORK_DISABLED === '1')
      throw new Unreachable(sandboxHelp(detail));
    throw new Unreachable(`Cannot reach Codex Pro Max at ${apiUrl}: ${detail}. It may be restarting or stopped.`);
  }
  const text = await res.text();
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    data = { ok: false, error: text.slice(0, 500) };
  }
  // A 503 with a code is a deliberate answer (its database is gone, its disk is full): retrying cannot help.
  if (res.status === 503 && typeof data.code !== 'string')
    throw new Unreachable(`Codex Pro Max is shutting down or restarting (${data.error ?? 'HTTP 503'}).`);
  if (!res.ok) fail(EXIT.error, `Codex Pro Max refused the request (HTTP ${res.status}): ${data.error ?? text.slice(0, 300)}`);
  return data;
}

/** Retries an unreachable server (restart) until the deadline, except when the sandbox is the cause. */
async function retrying(deadline, call) {
  let delay = 250;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Unreachable) || error.message.includes('sandbox') || Date.now() + delay > deadline) throw error;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}

function threadPath(opts, suffix = '') {
  const thread = (opts.thread ?? process.env.CODEX_THREAD_ID ?? '').trim();
  if (!thread) {
    fail(
      EXIT.usage,
      'No Codex thread id: CODEX_THREAD_ID is not set (Codex sets it in every shell it starts). Pass --thread ID if you know it.',
    );
  }
  return `/api/codex/sessions/by-thread/${encodeURIComponent(thread)}${suffix}`;
}

function readConclusion(opts) {
  const text = opts.file ? readFileSync(opts.file, 'utf8') : readFileSync(0, 'utf8');
  if (!text.trim()) fail(EXIT.usage, 'The conclusion is empty. Pass it on stdin (for example with a heredoc) or with --file F.');
  return text;
}

async function waitForPrompt(opts) {
  const seconds = opts.seconds === undefined ? 1200 : Number(opts.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0) fail(EXIT.usage, '--seconds must be a positive number.');
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const timeoutMs = Math.max(1, Math.min(SLICE_MS, deadline - Date.now()));
    // A restarting server gets a minute to come back; a stopped one is reported (exit 5) after that.
    const result = await retrying(Date.now() + retrySeconds() * 1000, () =>
      request('POST', threadPath(opts, '/wait'), { timeoutMs }, timeoutMs + 30_000),
    );
    if (result.status !== 'no_instruction_yet' || Date.now() >= deadline - 250) return result;
  }
}

function retrySeconds() {
  const n = Number(process.env.CODEX_PRO_MAX_RETRY_SECONDS);
  return Number.isFinite(n) && n >= 0 ? n : 60;
}

async function main() {
  const { command, opts } = parseArgs(process.argv.slice(2));
  const quick = Date.now() + Math.min(10, retrySeconds()) * 1000;
  if (command === 'start') {
    const data = await retrying(quick, () => request('POST', threadPath(opts), opts.title ? { title: opts.title } : {}));
    if (opts.json) return void process.stdout.write(`${JSON.stringify(data)}\n`);
    process.stdout.write(`Codex Pro Max session "${data.session.title}" is ready. Do the task, then run "conclude", then "wait".\n`);
    return;
  }
  if (command === 'conclude') {
    const content = readConclusion(opts);
    // One request id for every retry, so a conclusion whose answer was lost is not stored twice.
    const body = { content, requestId: randomUUID() };
    const data = await retrying(Date.now() + retrySeconds() * 1000, () => request('POST', threadPath(opts, '/conclusion'), body));
    if (opts.json) return void process.stdout.write(`${JSON.stringify(data)}\n`);
    process.stdout.write('Conclusion saved. Now run "wait" to get the next prompt.\n');
    return;
  }
  if (command === 'wait') {
    const result = await waitForPrompt(opts);
    if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.status === 'instruction' && result.instruction) {
      if (!opts.json) {
        process.stdout.write(
          `=== Codex Pro Max: next prompt (id ${result.instruction.id}) ===\n${result.instruction.content}\n=== end of prompt ===\n` +
            'Do this now. When done, run "conclude" with your conclusion, then "wait" again.\n',
        );
      }
      return;
    }
    if (result.status === 'stopped')
      fail(EXIT.stopped, `${result.message}\nEnd the Codex Pro Max loop now: do not run "wait" again; answer the user normally.`);
    fail(EXIT.nothingYet, 'No new prompt yet. Run "wait" again right away to keep waiting; do not end your turn.');
  }
  fail(EXIT.usage, command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE);
}

main().catch((error) => {
  if (error instanceof Unreachable) fail(EXIT.unreachable, error.message);
  fail(EXIT.error, `cpm.mjs: ${error?.stack ?? error}`);
});
