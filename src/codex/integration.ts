// Installs, removes and checks Codex Pro Max inside CODEX_HOME: the skill folder plus one marked block in config.toml.
// Shared by the CLI (setup/uninstall/doctor) and the server (/api/integration). Must not touch anything outside that.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BlockSettings, parseToml, planInstall, withoutBlock } from './config-toml.js';
import { codexFiles } from './paths.js';

/** The Codex Pro Max folder (holds bin/, skill/, dist/ or src/). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SKILL_NAME = 'codex-pro-max';
/** Longer than the MCP server's own wait bound (CODEX_PRO_MAX_WAIT_SECONDS, default 1500 s). */
export const TOOL_TIMEOUT_SEC = 1800;
const MARKER = '.installed-by-codex-pro-max.json';
export const MIN_NODE = '20.19.0';

export interface IntegrationOptions {
  codexHome: string;
  dataRoot: string;
  /** Defaults to this process's node. */
  nodePath?: string;
  projectRoot?: string;
  /** CODEX_PRO_MAX_WAIT_SECONDS to hand to the MCP server (Codex does not pass its own environment through). */
  waitSeconds?: number;
}

/** Setup cannot go ahead; nothing was changed. */
export class IntegrationRefused extends Error {
  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem}\n${fix}`);
    this.name = 'IntegrationRefused';
  }
}

export function integrationPaths(opts: IntegrationOptions) {
  const projectRoot = opts.projectRoot ?? PROJECT_ROOT;
  const skillDir = join(codexFiles.skills(opts.codexHome), SKILL_NAME);
  return {
    projectRoot,
    config: codexFiles.config(opts.codexHome),
    skillSource: join(projectRoot, 'skill', SKILL_NAME),
    skillDir,
    skillFile: join(skillDir, 'SKILL.md'),
    bin: join(projectRoot, 'bin', 'codex-pro-max.js'),
  };
}

export function desiredBlock(opts: IntegrationOptions): BlockSettings {
  const p = integrationPaths(opts);
  // Only a non-default data root needs telling; the MCP server falls back to ~/.codex-pro-max like everyone else.
  const env: Record<string, string> =
    resolve(opts.dataRoot) === join(homedir(), '.codex-pro-max') ? {} : { CODEX_PRO_MAX_ROOT: resolve(opts.dataRoot) };
  let toolTimeoutSec = TOOL_TIMEOUT_SEC;
  if (opts.waitSeconds !== undefined && opts.waitSeconds > 0) {
    env.CODEX_PRO_MAX_WAIT_SECONDS = String(opts.waitSeconds);
    // Codex must never cut a wait off before the MCP server answers "no_instruction_yet" by itself.
    toolTimeoutSec = Math.max(TOOL_TIMEOUT_SEC, Math.ceil(opts.waitSeconds) + 300);
  }
  return { skillPath: p.skillFile, nodePath: opts.nodePath ?? process.execPath, binPath: p.bin, env, toolTimeoutSec };
}

/** CODEX_PRO_MAX_WAIT_SECONDS from an environment, when set to a positive number. */
export function waitSecondsFrom(env: NodeJS.ProcessEnv): number | undefined {
  const n = Number(env.CODEX_PRO_MAX_WAIT_SECONDS);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : e.name === MARKER ? [] : [`${prefix}${e.name}`],
  );
}

/** True when the installed skill folder has exactly the packaged files. */
export function skillUpToDate(opts: IntegrationOptions): boolean {
  const p = integrationPaths(opts);
  const want = listFiles(p.skillSource).sort();
  const have = listFiles(p.skillDir).sort();
  if (want.length === 0 || want.join('\n') !== have.join('\n')) return false;
  return want.every((f) => readFileSync(join(p.skillSource, f)).equals(readFileSync(join(p.skillDir, f))));
}

/** Writes via a temporary file and a rename, keeping the old file's permissions. */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.codex-pro-max-${process.pid}.tmp`;
  const mode = existsSync(file) ? statSync(file).mode & 0o777 : 0o600;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, file);
}

function backup(file: string): string | null {
  if (!existsSync(file)) return null;
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const target = `${file}.codex-pro-max-${stamp}.bak`;
  copyFileSync(file, target);
  return target;
}

function readConfig(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Copies the skill into CODEX_HOME via a hidden temp folder (Codex skips hidden entries) and a rename. */
function installSkill(opts: IntegrationOptions): void {
  const p = integrationPaths(opts);
  const parent = dirname(p.skillDir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${SKILL_NAME}-${process.pid}.tmp`);
  const old = join(parent, `.${SKILL_NAME}-${process.pid}.old`);
  rmSync(tmp, { recursive: true, force: true });
  cpSync(p.skillSource, tmp, { recursive: true });
  writeFileSync(join(tmp, MARKER), `${JSON.stringify({ installedFrom: p.projectRoot }, null, 2)}\n`);
  if (existsSync(p.skillDir)) renameSync(p.skillDir, old);
  renameSync(tmp, p.skillDir);
  rmSync(old, { recursive: true, force: true });
}

export interface ChangeReport {
  changed: boolean;
  messages: string[];
}

/** setup: skill folder + config block. Refuses (IntegrationRefused) before changing anything when it cannot be done cleanly. */
export function installIntegration(opts: IntegrationOptions, options: { force?: boolean } = {}): ChangeReport {
  const p = integrationPaths(opts);
  if (!existsSync(join(p.skillSource, 'SKILL.md'))) {
    throw new IntegrationRefused(
      `The skill files are missing from ${p.skillSource}.`,
      'Reinstall Codex Pro Max (the "skill" folder is part of it).',
    );
  }
  if (existsSync(p.skillDir) && !existsSync(join(p.skillDir, MARKER)) && !options.force) {
    throw new IntegrationRefused(
      `${p.skillDir} already exists and was not installed by this version of Codex Pro Max (perhaps by an older Codex Pro Max, or it is your own skill).`,
      'Move that folder away (or run "npm run setup -- --force" in the Codex Pro Max folder to replace it), then run setup again.',
    );
  }
  const before = readConfig(p.config);
  const plan = planInstall(before, desiredBlock(opts), p.config);
  if (!plan.ok) throw new IntegrationRefused(plan.problem, plan.fix);

  const messages: string[] = [];
  let changed = false;
  if (!skillUpToDate(opts) || !existsSync(join(p.skillDir, MARKER))) {
    installSkill(opts);
    messages.push(`Installed the Codex Pro Max skill in ${p.skillDir}.`);
    changed = true;
  } else messages.push(`The skill in ${p.skillDir} is already up to date.`);
  if (plan.changed) {
    mkdirSync(dirname(p.config), { recursive: true });
    const saved = backup(p.config);
    writeAtomic(p.config, plan.text);
    const check = parseToml(readConfig(p.config));
    if (!check.ok) {
      // Should not happen (the plan was validated); put the original back rather than leave Codex unable to start.
      writeAtomic(p.config, before);
      throw new IntegrationRefused(
        `Writing ${p.config} produced invalid TOML (${check.problem}); the original was restored.`,
        'Please report this.',
      );
    }
    messages.push(`Registered the MCP server and the skill in ${p.config}${saved ? ` (backup: ${saved})` : ''}.`);
    changed = true;
  } else messages.push(`${p.config} already has the Codex Pro Max entries.`);
  return { changed, messages };
}

/** uninstall: removes the config block and the skill folder; keeps the data root (sessions, attachments). */
export function removeIntegration(opts: IntegrationOptions): ChangeReport {
  const p = integrationPaths(opts);
  const messages: string[] = [];
  let changed = false;
  const before = readConfig(p.config);
  const result = withoutBlock(before);
  if ('problem' in result) {
    throw new IntegrationRefused(`${p.config}: ${result.problem}.`, `Remove the lines between the Codex Pro Max markers by hand.`);
  }
  if (result.removed) {
    const saved = backup(p.config);
    if (result.text === '') rmSync(p.config);
    else writeAtomic(p.config, result.text);
    messages.push(`Removed the Codex Pro Max entries from ${p.config}${saved ? ` (backup: ${saved})` : ''}.`);
    changed = true;
  } else messages.push(`${p.config} has no Codex Pro Max entries.`);
  if (existsSync(p.skillDir)) {
    if (existsSync(join(p.skillDir, MARKER))) {
      rmSync(p.skillDir, { recursive: true, force: true });
      messages.push(`Removed the skill folder ${p.skillDir}.`);
      changed = true;
    } else messages.push(`Left ${p.skillDir} alone: Codex Pro Max did not install it.`);
  }
  messages.push(`Your Codex Pro Max data in ${opts.dataRoot} was kept; delete that folder yourself if you no longer need it.`);
  return { changed, messages };
}
