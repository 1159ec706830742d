// Tables of config.toml texts: the block is appended, refreshed and removed without touching anything else.
import { describe, expect, it } from 'vitest';
import {
  BLOCK_END,
  BLOCK_START,
  type BlockSettings,
  inspectConfig,
  parseToml,
  planInstall,
  renderBlock,
  tomlString,
  withoutBlock,
} from './config-toml.js';

const settings: BlockSettings = {
  skillPath: '/home/u/.codex/skills/codex-pro-max/SKILL.md',
  nodePath: '/usr/bin/node',
  binPath: '/opt/cpm/bin/codex-pro-max.js',
  env: {},
  toolTimeoutSec: 1800,
};

const ORIGINALS: Record<string, string> = {
  empty: '',
  'no final newline': 'model = "o3"',
  'comments and tables':
    '# my settings\nmodel = "o3" # inline comment\n\n[mcp_servers.other]\ncommand = "x"\n\n[[skills.config]]\nname = "mine"\nenabled = false\n',
  crlf: 'model = "o3"\r\n[mcp_servers.other]\r\ncommand = "x"\r\n',
  'trailing blank lines': 'a = 1\n\n\n',
};

function install(text: string, s = settings): string {
  const plan = planInstall(text, s, 'config.toml');
  if (!plan.ok) throw new Error(plan.problem);
  return plan.text;
}

describe('planInstall / withoutBlock', () => {
  for (const [name, original] of Object.entries(ORIGINALS)) {
    it(`round-trips byte for byte: ${name}`, () => {
      const installed = install(original);
      expect(installed.startsWith(original)).toBe(true);
      expect(installed).toContain(BLOCK_START);
      const parsed = parseToml(installed);
      expect(parsed.ok).toBe(true);
      if (parsed.ok)
        expect(inspectConfig(parsed.value, settings.skillPath)).toMatchObject({
          mcp: { args: [settings.binPath, 'mcp'], approval: 'approve', required: true },
          skillEnabled: true,
        });
      // Idempotent.
      expect(planInstall(installed, settings, 'config.toml')).toEqual({ ok: true, text: installed, changed: false });
      const removed = withoutBlock(installed);
      expect(removed).toEqual({ text: original, removed: true });
    });
  }

  it("uses the file's CRLF line endings inside the block", () => {
    expect(install(ORIGINALS.crlf as string)).toContain(`${BLOCK_END}\r\n`);
  });

  it('refreshes a stale block in place and keeps text the user added after it', () => {
    const first = `${install('a = 1\n')}# added later\nb = 2\n`;
    const updated = install(first, { ...settings, nodePath: '/new/node', env: { CODEX_PRO_MAX_ROOT: 'C:\\Users\\Me\\cpm' } });
    expect(updated).toContain('command = "/new/node"');
    expect(updated).toContain('env = { CODEX_PRO_MAX_ROOT = "C:\\\\Users\\\\Me\\\\cpm" }');
    expect(updated.endsWith('# added later\nb = 2\n')).toBe(true);
    const parsed = parseToml(updated);
    expect(parsed.ok && parsed.value.mcp_servers.codex_pro_max.env.CODEX_PRO_MAX_ROOT).toBe('C:\\Users\\Me\\cpm');
  });

  it.each([
    ['invalid TOML', 'model = \n', 'not valid TOML'],
    ['own MCP entry', '[mcp_servers.codex_pro_max]\ncommand = "mine"\n', 'already has your own'],
    ['inline skills.config', 'skills = { config = [{ name = "a", enabled = false }] }\n', 'inline'],
    ['static skills.config array', '[skills]\nconfig = [{ name = "a", enabled = false }]\n', 'inline'],
    ['inline mcp_servers', 'mcp_servers = { x = { command = "a" } }\n', 'inline'],
    ['damaged markers', `a = 1\n${BLOCK_START}\n[[skills.config]]\n`, 'marker'],
  ])('refuses %s', (_name, text, expected) => {
    const plan = planInstall(text, settings, 'config.toml');
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.problem).toContain(expected);
      expect(plan.fix.length).toBeGreaterThan(10);
    }
  });

  it('writes Windows paths as valid TOML strings', () => {
    const win = { ...settings, nodePath: 'C:\\Program Files\\nodejs\\node.exe', binPath: 'D:\\tools\\cpm\\bin\\codex-pro-max.js' };
    const parsed = parseToml(renderBlock(win));
    expect(parsed.ok && parsed.value.mcp_servers.codex_pro_max).toMatchObject({ command: win.nodePath, args: [win.binPath, 'mcp'] });
    expect(tomlString('a"b')).toBe('"a\\"b"');
  });
});

describe('inspectConfig', () => {
  it('lets a later disabling entry win', () => {
    const text = `${install('')}\n[[skills.config]]\nname = "codex-pro-max"\nenabled = false\n`;
    const parsed = parseToml(text);
    expect(parsed.ok && inspectConfig(parsed.value, settings.skillPath).skillEnabled).toBe(false);
  });
});
