// `codex-pro-max doctor`: checks Node, codex, config.toml entries, the skill, the running server and the token.
// Read-only. Exit code 1 when anything needs fixing, so scripts can use it.
import { daemonState } from '../../codex/app-server/daemon-state.js';
import { inspectIntegration } from '../../codex/integration-check.js';
import { readServerInfo, readToken } from '../../server/server-file.js';
import type { IntegrationFinding } from '../../shared/integration.js';
import { type CliCommand, readFlags } from '../command.js';
import { integrationOptionsFrom, printFindings } from './integration-cli.js';

const START = 'Start it with "npm start" in the Codex Pro Max folder and keep that terminal open.';

/** The status (or the network error) and the JSON body, if any. */
async function get(url: string, token?: string): Promise<{ status: number | string; body: { error?: unknown; code?: unknown } }> {
  try {
    const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(5_000) });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: only the status counts.
    }
    return { status: res.status, body: typeof body === 'object' && body !== null ? body : {} };
  } catch (error) {
    return { status: (error as Error).message, body: {} };
  }
}

/**
 * Is Codex's background service (the app-server daemon) up, so terminal sessions show live? Optional, so never a
 * problem: without it everything else works, and doctor only says how to start it (it never starts it itself).
 */
export async function daemonFinding(codexHome: string): Promise<IntegrationFinding> {
  if (process.platform === 'win32') {
    return {
      id: 'daemon',
      ok: true,
      message: 'Live terminal sessions: Codex offers no background service on Windows, so they are not shown.',
    };
  }
  const state = await daemonState(codexHome);
  if (state.state === 'running') {
    return { id: 'daemon', ok: true, message: `Codex's background service is running (${state.userAgent}): terminal sessions show live.` };
  }
  return {
    id: 'daemon',
    ok: true,
    message:
      state.state === 'absent'
        ? "Codex's background service is not running, so terminal sessions are not shown live yet. It starts with the next " +
          'Codex you open in a terminal, or start it now with "codex app-server daemon start".'
        : `Codex's background service does not answer at ${state.socketPath}. Restart it with "codex app-server daemon restart".`,
  };
}

/** Is the server in this data root running and does our token open it? */
export async function serverFindings(dataRoot: string): Promise<IntegrationFinding[]> {
  const info = readServerInfo(dataRoot);
  if (!info) return [{ id: 'server', ok: false, message: `Codex Pro Max is not running (no server.json in ${dataRoot}).`, fix: START }];
  const { status: health, body } = await get(`${info.apiUrl}/api/healthy`);
  if (health === 503 && typeof body.code === 'string' && typeof body.error === 'string') {
    // Running, but it lost its database: that, not "it stopped", is what the person must hear (the text says what to do).
    return [{ id: 'server', ok: false, message: `Codex Pro Max is running at ${info.uiUrl} but cannot save anything. ${body.error}` }];
  }
  if (health !== 200) {
    return [
      {
        id: 'server',
        ok: false,
        message: `server.json says Codex Pro Max runs at ${info.apiUrl} (process ${info.pid}), but it does not answer (${health}). It probably stopped without cleaning up.`,
        fix: START,
      },
    ];
  }
  const findings: IntegrationFinding[] = [
    { id: 'server', ok: true, message: `Codex Pro Max ${info.version} is running at ${info.uiUrl}.` },
  ];
  const token = readToken(dataRoot);
  const authed = token ? (await get(`${info.apiUrl}/api/health`, token)).status : 'no token file';
  findings.push(
    authed === 200
      ? { id: 'token', ok: true, message: 'The access token in the data folder is accepted.' }
      : {
          id: 'token',
          ok: false,
          message: `The access token in ${dataRoot} is not accepted by the running server (${authed}), so Codex cannot talk to it.`,
          fix: 'Restart Codex Pro Max (Ctrl+C, then "npm start" in the Codex Pro Max folder) so it uses the token in its data folder.',
        },
  );
  return findings;
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Check that Codex and Codex Pro Max are set up and can reach each other.',
  help: `Usage: codex-pro-max doctor [--codex-home DIR] [--json]

Checks, and prints a fix for each problem:
  - Node.js version, the codex program and its version
  - Codex's config.toml: valid, with the codex_pro_max MCP server and the skill enabled
  - the installed skill files
  - the Codex Pro Max server (server.json, /api/healthy) and the access token
  - Codex's background service (app-server daemon), which live terminal sessions need
Exits with code 1 when anything needs fixing.

Options:
  --codex-home DIR   Codex's folder (default: $CODEX_HOME, else ~/.codex)
  --json             print {ok, installed, findings} as JSON
`,
  async run(args) {
    const { flags } = readFlags(args, { boolean: ['json'], string: ['codex-home'] });
    const opts = integrationOptionsFrom(flags);
    const { installed, findings } = await inspectIntegration(opts);
    findings.push(...(await serverFindings(opts.dataRoot)), await daemonFinding(opts.codexHome));
    const ok = findings.every((f) => f.ok);
    if (flags.json) process.stdout.write(`${JSON.stringify({ ok, installed, findings }, null, 2)}\n`);
    else {
      process.stdout.write(`Codex home: ${opts.codexHome}\nData folder: ${opts.dataRoot}\n\n`);
      printFindings(findings);
      process.stdout.write(ok ? '\nEverything looks fine.\n' : `\n${findings.filter((f) => !f.ok).length} problem(s) found.\n`);
    }
    return ok ? 0 : 1;
  },
};
