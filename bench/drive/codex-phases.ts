// Where Codex itself spends a daemon turn's time before the model request, read from the daemon's own log (its clock,
// so our server's load does not enter). Only with BENCH_CODEX_PHASES=1: the bench then runs Codex (both engines, the
// same setting) with the few log targets below switched on, which costs Codex a little time of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** The log targets the phases need, everything else at error as usual. */
export const PHASES_RUST_LOG = [
  'error',
  'codex_app_server::message_processor=trace',
  'codex_core::client=info',
  'codex_http_client=info',
  'reqwest::connect=debug',
  'codex_skills_extension::shadow_selection_experiment=info',
].join(',');

export interface CodexPhases {
  /** turn/start received → the model request starts being built (config, turn context, rollout writes, skills). */
  toRequest: number[];
  /** Building the HTTP client for that request (Codex 0.169/0.171 build one per request, loading the root CAs). */
  httpClient: number[];
  /** The shadow skill-ranking experiment Codex runs on every turn (busy time; inside toRequest). */
  skillRanking: number[];
}

function logFile(codexHome: string): string | undefined {
  const found = readdirSync(codexHome, { recursive: true, encoding: 'utf8' }).find((file) => file.endsWith('daemon.stderr.log'));
  return found === undefined ? undefined : join(codexHome, found);
}

/** Reads the daemon's log as it grows (it may start over); skip() drops what it has logged so far (earlier turns). */
export function daemonLogReader(codexHome: string): { skip(): void; phases(): CodexPhases } {
  const file = logFile(codexHome);
  let read = 0;
  let text = '';
  const take = () => {
    if (!file) return;
    const bytes = readFileSync(file);
    if (bytes.length < read) read = 0;
    text += bytes.subarray(read).toString('utf8');
    read = bytes.length;
  };
  const skip = () => {
    take();
    text = '';
  };
  skip();
  const phases = (): CodexPhases => {
    take();
    const out: CodexPhases = { toRequest: [], httpClient: [], skillRanking: [] };
    let turn: { received: number; request?: number; client?: number } | null = null;
    const at = (line: string) => Date.parse(line.slice(0, 27));
    for (const raw of text.split('\n')) {
      const line = stripVTControlCharacters(raw);
      if (!/^\d{4}-/.test(line)) continue;
      if (/app-server request: turn\/start/.test(line)) turn = { received: at(line) };
      if (!turn) continue;
      if (turn.request === undefined && /model_client\.stream_responses_api\{[^}]*\}: codex_core::client: new/.test(line))
        turn.request = at(line);
      if (turn.client === undefined && /using system root certificates|building HTTP client with rustls/.test(line)) turn.client = at(line);
      const ranked = /skills\.shadow_selection\.rank.*close time\.busy=([\d.]+)(ms|µs)/.exec(line);
      if (ranked) out.skillRanking.push(Number(ranked[1]) / (ranked[2] === 'µs' ? 1000 : 1));
      if (turn.client !== undefined && /starting new connection/.test(line)) {
        if (turn.request !== undefined) out.toRequest.push(turn.request - turn.received);
        out.httpClient.push(at(line) - turn.client);
        turn = null;
      }
    }
    return out;
  };
  return { skip, phases };
}
