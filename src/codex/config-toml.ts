// Adds, finds and removes Codex Pro Max's marked block in Codex's config.toml text (codex-cli 0.169's `[[skills.config]]`
// and `[mcp_servers.<name>]` keys).
// Pure text in, text out: never re-serialises the user's TOML, so everything outside the block stays byte for byte.
import { parse, TomlError } from 'smol-toml';

export const MCP_SERVER_KEY = 'codex_pro_max';
export const BLOCK_START = '# >>> codex-pro-max >>>';
export const BLOCK_END = '# <<< codex-pro-max <<<';
const START_NOTE = ' added by "codex-pro-max setup"; "codex-pro-max uninstall" removes it. Edits inside are overwritten.';

export interface BlockSettings {
  skillPath: string;
  nodePath: string;
  binPath: string;
  /** Extra environment for the MCP server, e.g. CODEX_PRO_MAX_ROOT. */
  env: Record<string, string>;
  toolTimeoutSec: number;
}

export type ConfigPlan = { ok: true; text: string; changed: boolean } | { ok: false; problem: string; fix: string };

/** A TOML basic string. JSON's escapes (\" \\ \n \t \uXXXX) are all valid TOML, so Windows paths stay exact. */
export function tomlString(value: string): string {
  return JSON.stringify(value);
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The block's lines, start and end markers included, each ended by `eol`. */
export function renderBlock(s: BlockSettings, eol = '\n'): string {
  const envEntries = Object.entries(s.env);
  const lines = [
    `${BLOCK_START}${START_NOTE}`,
    '[[skills.config]]',
    `path = ${tomlString(s.skillPath)}`,
    'enabled = true',
    '',
    `[mcp_servers.${MCP_SERVER_KEY}]`,
    `command = ${tomlString(s.nodePath)}`,
    `args = [${tomlString(s.binPath)}, "mcp"]`,
    ...(envEntries.length ? [`env = { ${envEntries.map(([k, v]) => `${k} = ${tomlString(v)}`).join(', ')} }`] : []),
    'startup_timeout_sec = 30',
    // Since codex 0.147 an optional MCP server gets about 1 s to start; a turn that begins sooner runs without its
    // tools and the loop silently never starts. A required server is waited for (and a broken one is reported).
    'required = true',
    `tool_timeout_sec = ${s.toolTimeoutSec}`,
    // Codex asks approval for every MCP tool call unless this is set, and codex exec (approval policy "never") then fails
    // each call with "MCP tool call requires approval, but approval policy is never".
    'default_tools_approval_mode = "approve"',
    BLOCK_END,
  ];
  return lines.map((l) => `${l}${eol}`).join('');
}

interface Located {
  /** Index of the start marker. */
  start: number;
  /** Index of the separator line break we added before the block (or of the block when there is none). */
  from: number;
  /** Index just past the end marker's line break. */
  to: number;
  block: string;
}

/** Finds our block. Null when absent; a string problem when the markers are damaged. */
export function locateBlock(text: string): Located | null | string {
  const start = text.indexOf(BLOCK_START);
  const end = text.indexOf(BLOCK_END);
  if (start < 0 && end < 0) return null;
  if (start < 0 || end < start || text.indexOf(BLOCK_START, start + 1) >= 0 || text.indexOf(BLOCK_END, end + 1) >= 0) {
    return `the "${BLOCK_START}" / "${BLOCK_END}" marker lines are missing, repeated or out of order`;
  }
  if (start > 0 && text[start - 1] !== '\n') return 'the start marker is not at the beginning of a line';
  let to = end + BLOCK_END.length;
  if (text.startsWith('\r\n', to)) to += 2;
  else if (text[to] === '\n') to += 1;
  // setup puts exactly one line break before the block; take it back with the block.
  let from = start;
  if (text.slice(0, start).endsWith('\r\n')) from -= 2;
  else if (start > 0) from -= 1;
  return { start, from, to, block: text.slice(start, to) };
}

function tomlProblem(error: unknown): string {
  if (error instanceof TomlError) return `${error.message.split('\n')[0]} (line ${error.line}, column ${error.column})`;
  return (error as Error).message;
}

/** Parses TOML, returning the value or the reason it is invalid. */
export function parseToml(text: string): { ok: true; value: Record<string, any> } | { ok: false; problem: string } {
  try {
    return { ok: true, value: parse(text) as Record<string, any> };
  } catch (error) {
    return { ok: false, problem: tomlProblem(error) };
  }
}

/** The text without our block (and the line break we added before it). */
export function withoutBlock(text: string): { text: string; removed: boolean } | { problem: string } {
  const found = locateBlock(text);
  if (found === null) return { text, removed: false };
  if (typeof found === 'string') return { problem: found };
  return { text: text.slice(0, found.from) + text.slice(found.to), removed: true };
}

/** Plans setup: append the block (or refresh it in place), refusing invalid files and conflicting user entries. */
export function planInstall(text: string, settings: BlockSettings, configPath: string): ConfigPlan {
  const located = locateBlock(text);
  if (typeof located === 'string') {
    return {
      ok: false,
      problem: `${configPath}: ${located}.`,
      fix: `Remove the Codex Pro Max lines from ${configPath} by hand, then run "npm run setup" in the Codex Pro Max folder again.`,
    };
  }
  const before = parseToml(text);
  if (!before.ok) {
    return {
      ok: false,
      problem: `${configPath} is not valid TOML: ${before.problem}.`,
      fix: `Fix ${configPath} (Codex cannot read it either), then run "npm run setup" in the Codex Pro Max folder again.`,
    };
  }
  const userText = located ? text.slice(0, located.from) + text.slice(located.to) : text;
  const user = parseToml(userText);
  if (user.ok && user.value.mcp_servers?.[MCP_SERVER_KEY] !== undefined) {
    return {
      ok: false,
      problem: `${configPath} already has your own [mcp_servers.${MCP_SERVER_KEY}] entry, outside the block Codex Pro Max manages.`,
      fix: `Delete that entry (or rename it), then run "npm run setup" in the Codex Pro Max folder again.`,
    };
  }
  const eol = eolOf(text);
  const block = renderBlock(settings, eol);
  let next: string;
  if (located) {
    if (located.block === block) return { ok: true, text, changed: false };
    next = text.slice(0, located.start) + block + text.slice(located.to);
  } else {
    // Exactly one line break before the block, which locateBlock takes back on uninstall.
    next = `${text}${eol}${block}`;
  }
  const after = parseToml(next);
  if (!after.ok) {
    return {
      ok: false,
      problem: `Adding Codex Pro Max's entries would make ${configPath} invalid (${after.problem}). Usually this means "skills.config" or "mcp_servers" is written inline (for example skills = { config = [...] }), so new [[skills.config]] / [mcp_servers.${MCP_SERVER_KEY}] tables cannot be added.`,
      fix: `Rewrite those entries as [[skills.config]] / [mcp_servers.NAME] tables in ${configPath}, then run "npm run setup" in the Codex Pro Max folder again.`,
    };
  }
  return { ok: true, text: next, changed: next !== text };
}

/** What the parsed config says about our two entries (wherever they came from). */
export function inspectConfig(
  value: Record<string, any>,
  skillPath: string,
): {
  mcp: { command?: string; args?: string[]; approval?: string; toolTimeoutSec?: number; required?: boolean } | null;
  skillEnabled: boolean | null;
} {
  const mcp = value.mcp_servers?.[MCP_SERVER_KEY];
  const entries: any[] = Array.isArray(value.skills?.config) ? value.skills.config : [];
  const norm = (p: string) => p.replace(/\\/g, '/').toLowerCase();
  // Later entries override earlier ones (codex-rs/core-skills/src/config_rules.rs), so the last match decides.
  const last = entries
    .filter((e) => (typeof e?.path === 'string' && norm(e.path) === norm(skillPath)) || e?.name === 'codex-pro-max')
    .at(-1);
  return {
    mcp:
      mcp && typeof mcp === 'object'
        ? {
            command: mcp.command,
            args: mcp.args,
            approval: mcp.default_tools_approval_mode,
            toolTimeoutSec: mcp.tool_timeout_sec,
            required: mcp.required,
          }
        : null,
    skillEnabled: last ? last.enabled !== false : null,
  };
}
