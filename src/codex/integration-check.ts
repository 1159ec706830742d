// Checks whether Codex can reach Codex Pro Max: Node, the codex binary, config.toml entries, the installed skill.
// Read-only; every failed finding says how to fix it. The server self-check lives in the doctor command.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IntegrationFinding } from '../shared/integration.js';
import { checkCodexBinary, compareVersions, howFound } from './binary.js';
import { inspectConfig, MCP_SERVER_KEY, parseToml } from './config-toml.js';
import { desiredBlock, type IntegrationOptions, integrationPaths, MIN_NODE, skillUpToDate } from './integration.js';

const SETUP = 'Run "npm run setup" in the Codex Pro Max folder, then restart Codex.';

function finding(id: string, ok: boolean, message: string, fix?: string): IntegrationFinding {
  return ok || !fix ? { id, ok, message } : { id, ok, message, fix };
}

function nodeFinding(): IntegrationFinding {
  const version = process.versions.node;
  const ok = compareVersions(version, MIN_NODE) >= 0;
  return finding(
    'node',
    ok,
    ok ? `Node.js ${version}.` : `Node.js ${version} is too old; Codex Pro Max needs ${MIN_NODE} or newer.`,
    'Install a current Node.js LTS from https://nodejs.org.',
  );
}

function mcpFinding(opts: IntegrationOptions, config: Record<string, any>, configPath: string): IntegrationFinding {
  const want = desiredBlock(opts);
  const mcp = inspectConfig(config, want.skillPath).mcp;
  if (!mcp)
    return finding(
      'mcp',
      false,
      `Codex has no "${MCP_SERVER_KEY}" MCP server in ${configPath}, so it cannot hand conclusions to Codex Pro Max.`,
      SETUP,
    );
  const args = Array.isArray(mcp.args) ? mcp.args : [];
  const problems: string[] = [];
  const commandMissing = !mcp.command || !existsSync(mcp.command);
  const script = typeof args[0] === 'string' ? args[0] : '';
  const scriptMissing = !script || !existsSync(script);
  if (commandMissing) problems.push(`its command "${mcp.command ?? ''}" does not exist`);
  if (scriptMissing || args[1] !== 'mcp') problems.push(`its args ${JSON.stringify(args)} do not start "codex-pro-max mcp"`);
  else if (resolve(script) !== resolve(want.binPath)) problems.push(`it runs another copy of Codex Pro Max (${script})`);
  if (mcp.approval !== 'approve')
    problems.push('its tools are not pre-approved (default_tools_approval_mode = "approve"), so "codex exec" would refuse them');
  if (mcp.required !== true)
    problems.push('it is not marked required, so Codex may begin a conversation before the server is ready and never offer its tools');
  const root = config.mcp_servers?.[MCP_SERVER_KEY]?.env?.CODEX_PRO_MAX_ROOT;
  if ((want.env.CODEX_PRO_MAX_ROOT ?? null) !== (root ? resolve(root) : null))
    problems.push('it looks for the server in a different data folder than this one');
  // The entry is `required`, so Codex will not start at all while it names a missing file.
  const blocking = commandMissing || scriptMissing;
  if (problems.length)
    return finding(
      'mcp',
      false,
      `The "${MCP_SERVER_KEY}" MCP server entry in ${configPath} is out of date: ${problems.join('; ')}.` +
        (blocking && mcp.required === true ? ' Codex refuses to start until this is fixed.' : ''),
      blocking
        ? `${SETUP} To stop using Codex Pro Max instead, run "npm run uninstall" in the Codex Pro Max folder or delete the block between the "# >>> codex-pro-max >>>" and "# <<< codex-pro-max <<<" lines.`
        : SETUP,
    );
  return finding('mcp', true, `Codex starts the Codex Pro Max MCP server (${configPath}).`);
}

function skillFindings(opts: IntegrationOptions, config: Record<string, any>, configPath: string): IntegrationFinding[] {
  const p = integrationPaths(opts);
  const enabled = inspectConfig(config, p.skillFile).skillEnabled;
  const registered =
    enabled === true
      ? finding('skill-config', true, `The skill is enabled in ${configPath}.`)
      : finding(
          'skill-config',
          false,
          enabled === false
            ? `The codex-pro-max skill is disabled in ${configPath} (enabled = false).`
            : `The codex-pro-max skill is not registered in ${configPath}.`,
          enabled === false ? `Remove the entry that disables it, then ${SETUP.charAt(0).toLowerCase()}${SETUP.slice(1)}` : SETUP,
        );
  const files = !existsSync(p.skillFile)
    ? finding('skill-files', false, `The skill is not installed in ${p.skillDir}.`, SETUP)
    : skillUpToDate(opts)
      ? finding('skill-files', true, `The skill is installed in ${p.skillDir}.`)
      : finding('skill-files', false, `The skill in ${p.skillDir} differs from this version of Codex Pro Max.`, SETUP);
  return [registered, files];
}

/** Every check except the running server. `installed` means the config entries and skill are in place at all. */
export async function inspectIntegration(
  opts: IntegrationOptions,
  options: { env?: NodeJS.ProcessEnv; checkCodex?: boolean } = {},
): Promise<{ installed: boolean; findings: IntegrationFinding[] }> {
  const findings: IntegrationFinding[] = [nodeFinding()];
  if (options.checkCodex !== false) {
    const codex = await checkCodexBinary(options.env ?? process.env);
    findings.push(
      codex.ok
        ? finding('codex', true, `Codex ${codex.version} (${codex.binary?.path}, ${codex.binary ? howFound(codex.binary) : ''}).`)
        : finding('codex', false, codex.problem ?? 'Codex is not usable.', codex.fix),
    );
  }
  const p = integrationPaths(opts);
  let config: Record<string, any> = {};
  if (existsSync(p.config)) {
    const parsed = parseToml(readFileSync(p.config, 'utf8'));
    if (!parsed.ok) {
      findings.push(
        finding('config', false, `${p.config} is not valid TOML: ${parsed.problem}.`, `Fix ${p.config}; Codex cannot read it either.`),
      );
      return { installed: false, findings };
    }
    config = parsed.value;
    findings.push(finding('config', true, `${p.config} is valid.`));
  } else findings.push(finding('config', false, `Codex has no config file yet (${p.config}).`, SETUP));
  const mcp = mcpFinding(opts, config, p.config);
  findings.push(mcp, ...skillFindings(opts, config, p.config));
  const installed = inspectConfig(config, p.skillFile).mcp !== null && existsSync(p.skillFile);
  return { installed, findings };
}
