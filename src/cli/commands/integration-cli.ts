// Helpers shared by setup, uninstall and doctor: where Codex and our data live, and how findings are printed.
import { resolve } from 'node:path';
import { type IntegrationOptions, waitSecondsFrom } from '../../codex/integration.js';
import { codexHomeFrom } from '../../codex/paths.js';
import { dataRootFrom } from '../../settings.js';
import type { IntegrationFinding } from '../../shared/integration.js';

export function integrationOptionsFrom(flags: Record<string, string | boolean>): IntegrationOptions {
  const home = flags['codex-home'];
  return {
    codexHome: typeof home === 'string' ? resolve(home) : codexHomeFrom(process.env),
    dataRoot: dataRootFrom(process.env),
    waitSeconds: waitSecondsFrom(process.env),
  };
}

export function printFindings(findings: IntegrationFinding[], out: NodeJS.WritableStream = process.stdout): void {
  for (const f of findings) {
    out.write(`  ${f.ok ? 'ok     ' : 'PROBLEM'}  ${f.message}\n`);
    if (!f.ok && f.fix) out.write(`           fix: ${f.fix}\n`);
  }
}
