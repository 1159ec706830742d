// setup / uninstall / doctor on a throwaway CODEX_HOME whose config.toml has comments, other MCP servers and skills.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { parseToml } from '../../src/codex/config-toml.js';
import { IntegrationRefused, installIntegration, removeIntegration } from '../../src/codex/integration.js';
import { inspectIntegration } from '../../src/codex/integration-check.js';
import { integrationSetupResultSchema, integrationStatusSchema } from '../../src/shared/integration.js';
import { startTestServer } from '../helpers/test-server.js';

const USER_CONFIG = `# Personal Codex settings — keep my comments!
model = "gpt-5.5"   # trailing comment
approval_policy = "on-request"

[mcp_servers.docs]
command = "npx"
args = ["-y", "docs-mcp"]
env = { TOKEN_FILE = "C:\\\\Users\\\\me\\\\token.txt" }

# a disabled skill
[[skills.config]]
name = "imagegen"
enabled = false

[projects."/home/me/repo"]
trust_level = "trusted"
`;

let codexHome: string;
let dataRoot: string;
const configPath = () => join(codexHome, 'config.toml');
const opts = () => ({ codexHome, dataRoot });

/** Runs the CLI in-process, capturing what it prints. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((s: string) => out.push(String(s)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => err.push(String(s)) > 0) as typeof process.stderr.write;
  const env = { CODEX_HOME: process.env.CODEX_HOME, CODEX_PRO_MAX_ROOT: process.env.CODEX_PRO_MAX_ROOT };
  process.env.CODEX_HOME = codexHome;
  process.env.CODEX_PRO_MAX_ROOT = dataRoot;
  try {
    const code = await runCli(args);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

beforeEach(() => {
  codexHome = mkdtempSync(join(tmpdir(), 'cpm-setup-home-'));
  dataRoot = mkdtempSync(join(tmpdir(), 'cpm-setup-data-'));
  // Another skill the user installed themselves: setup must leave it alone.
  mkdirSync(join(codexHome, 'skills', 'my-skill'), { recursive: true });
  writeFileSync(join(codexHome, 'skills', 'my-skill', 'SKILL.md'), '---\nname: my-skill\ndescription: mine\n---\n');
  writeFileSync(configPath(), USER_CONFIG);
});
afterEach(() => {
  rmSync(codexHome, { recursive: true, force: true });
  rmSync(dataRoot, { recursive: true, force: true });
});

describe('setup and uninstall', () => {
  it('adds the entries, keeps every other byte, is idempotent, and uninstall restores the file exactly', async () => {
    const first = await cli(['setup']);
    expect(first.code, first.err).toBe(0);
    const installed = readFileSync(configPath(), 'utf8');
    expect(installed.startsWith(USER_CONFIG)).toBe(true);
    const parsed = parseToml(installed);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const server = parsed.value.mcp_servers.codex_pro_max;
    expect(server).toMatchObject({
      command: process.execPath,
      default_tools_approval_mode: 'approve',
      required: true,
      tool_timeout_sec: 1800,
      env: { CODEX_PRO_MAX_ROOT: dataRoot },
    });
    expect(server.args[1]).toBe('mcp');
    expect(server.args[0]).toMatch(/bin[\\/]codex-pro-max\.js$/);
    expect(parsed.value.mcp_servers.docs.env.TOKEN_FILE).toBe('C:\\Users\\me\\token.txt');
    expect(parsed.value.skills.config).toEqual([
      { name: 'imagegen', enabled: false },
      { path: join(codexHome, 'skills', 'codex-pro-max', 'SKILL.md'), enabled: true },
    ]);
    expect(existsSync(join(codexHome, 'skills', 'codex-pro-max', 'scripts', 'cpm.mjs'))).toBe(true);
    const backups = readdirSync(codexHome).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(codexHome, backups[0] as string), 'utf8')).toBe(USER_CONFIG);

    const again = await cli(['setup']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('already has the Codex Pro Max entries');
    expect(readFileSync(configPath(), 'utf8')).toBe(installed);
    expect(readdirSync(codexHome).filter((f) => f.endsWith('.bak'))).toHaveLength(1);

    const report = await inspectIntegration(opts(), { checkCodex: false });
    expect(report.installed).toBe(true);
    expect(report.findings.filter((f) => !f.ok)).toEqual([]);

    const removed = await cli(['uninstall']);
    expect(removed.code, removed.err).toBe(0);
    expect(readFileSync(configPath(), 'utf8')).toBe(USER_CONFIG);
    expect(existsSync(join(codexHome, 'skills', 'codex-pro-max'))).toBe(false);
    expect(existsSync(join(codexHome, 'skills', 'my-skill', 'SKILL.md'))).toBe(true);
    expect(existsSync(dataRoot)).toBe(true);
    expect((await cli(['uninstall'])).out).toContain('has no Codex Pro Max entries');
  });

  it('doctor flags an entry from an older setup that is not marked required, and setup brings it up to date', async () => {
    expect((await cli(['setup'])).code).toBe(0);
    const current = readFileSync(configPath(), 'utf8');
    writeFileSync(configPath(), current.replace(/^required = true\r?\n/m, ''));
    const report = await inspectIntegration(opts(), { checkCodex: false });
    const mcp = report.findings.find((f) => f.id === 'mcp');
    expect(mcp).toMatchObject({ ok: false });
    expect(mcp?.message).toContain('not marked required');
    expect(mcp?.fix).toContain('"npm run setup" in the Codex Pro Max folder');

    const again = await cli(['setup']);
    expect(again.code, again.err).toBe(0);
    expect(readFileSync(configPath(), 'utf8')).toBe(current);
  });

  it('doctor warns that Codex will not start while the entry names a Codex Pro Max folder that is gone', async () => {
    expect((await cli(['setup'])).code).toBe(0);
    const current = readFileSync(configPath(), 'utf8');
    writeFileSync(
      configPath(),
      current.replace(/^args = \[".*?", "mcp"\]$/m, `args = [${JSON.stringify(join(dataRoot, 'moved', 'codex-pro-max.js'))}, "mcp"]`),
    );
    const report = await inspectIntegration(opts(), { checkCodex: false });
    const mcp = report.findings.find((f) => f.id === 'mcp');
    expect(mcp?.ok).toBe(false);
    expect(mcp?.message).toContain('Codex refuses to start until this is fixed');
    expect(mcp?.fix).toContain('"npm run uninstall" in the Codex Pro Max folder');
  });

  it('creates config.toml when there is none and removes it again', () => {
    rmSync(configPath());
    installIntegration(opts());
    expect(parseToml(readFileSync(configPath(), 'utf8')).ok).toBe(true);
    removeIntegration(opts());
    expect(existsSync(configPath())).toBe(false);
  });

  it.each([
    ['an invalid file', `${USER_CONFIG}\nbroken = \n`, 'not valid TOML'],
    [
      "the user's own [mcp_servers.codex_pro_max]",
      `${USER_CONFIG}\n[mcp_servers.codex_pro_max]\ncommand = "mine"\n`,
      'already has your own',
    ],
    [
      'skills.config defined inline',
      `skills = { config = [{ name = "x", enabled = false }] }\n${USER_CONFIG.replace(/# a disabled skill[\s\S]*?enabled = false\n/, '')}`,
      'inline',
    ],
  ])('refuses %s and leaves everything untouched', async (_name, text, reason) => {
    writeFileSync(configPath(), text);
    const result = await cli(['setup']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Setup did not change anything');
    expect(result.err).toContain(reason);
    expect(result.err).toContain('Fix:');
    expect(readFileSync(configPath(), 'utf8')).toBe(text);
    expect(existsSync(join(codexHome, 'skills', 'codex-pro-max'))).toBe(false);
    expect(readdirSync(codexHome).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('refuses to overwrite a skills/codex-pro-max folder it did not create, unless --force', async () => {
    mkdirSync(join(codexHome, 'skills', 'codex-pro-max'));
    writeFileSync(join(codexHome, 'skills', 'codex-pro-max', 'SKILL.md'), 'older skill');
    expect(() => installIntegration(opts())).toThrow(IntegrationRefused);
    expect(readFileSync(configPath(), 'utf8')).toBe(USER_CONFIG);
    expect((await cli(['setup', '--force'])).code).toBe(0);
    expect(readFileSync(join(codexHome, 'skills', 'codex-pro-max', 'SKILL.md'), 'utf8')).toContain('name: codex-pro-max');
  });

  it('every command answers --help', async () => {
    for (const name of ['setup', 'uninstall', 'doctor', 'mcp']) {
      const { code, out } = await cli([name, '--help']);
      expect(code).toBe(0);
      expect(out).toContain(`Usage: codex-pro-max ${name}`);
    }
  });
});

describe('doctor and /api/integration', () => {
  it('doctor explains each problem with a fix and exits 1, then passes once set up and running', async () => {
    const before = await cli(['doctor', '--json']);
    expect(before.code).toBe(1);
    const report = JSON.parse(before.out);
    const failed = report.findings.filter((f: any) => !f.ok).map((f: any) => f.id);
    expect(failed).toEqual(expect.arrayContaining(['mcp', 'skill-config', 'skill-files', 'server']));
    for (const f of report.findings.filter((x: any) => !x.ok)) expect(f.fix).toBeTruthy();

    const ts = await startTestServer({ dataRoot, codexHome });
    try {
      const [status, body] = await ts.call('GET', '/api/integration');
      expect(status).toBe(200);
      const parsed = integrationStatusSchema.parse(body);
      expect(parsed.installed).toBe(false);
      expect(parsed.findings.map((f) => f.id)).not.toContain('server');

      const [setupStatus, setupBody] = await ts.call('POST', '/api/integration/setup', {});
      expect(setupStatus).toBe(200);
      const result = integrationSetupResultSchema.parse(setupBody);
      expect(result).toMatchObject({ installed: true, changed: true });
      expect(result.findings.filter((f) => !f.ok && f.id !== 'codex')).toEqual([]);
      expect(readFileSync(configPath(), 'utf8').startsWith(USER_CONFIG)).toBe(true);

      const after = await cli(['doctor']);
      expect(after.out).toContain('Codex Pro Max');
      expect(after.out).toMatch(/ok\s+The access token/);
      if (after.code !== 0) expect(after.out).toContain('Codex'); // only the codex binary may be missing on this machine

      writeFileSync(configPath(), `${readFileSync(configPath(), 'utf8')}\n[mcp_servers.codex_pro_max.env]\n`);
      const [refusedStatus, refused] = await ts.call('POST', '/api/integration/setup', {});
      expect(refusedStatus).toBe(409);
      expect(refused.error).toContain('Setup did not change anything');
    } finally {
      await ts.close();
    }
  });
});
