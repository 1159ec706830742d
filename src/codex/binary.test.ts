// Finding codex: the env override, PATH, wrappers run through node, version parsing and the minimum version.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CodexBinary,
  checkCodexBinary,
  compareVersions,
  findCodexBinary,
  howFound,
  MIN_CODEX_VERSION,
  OWN_BIN_DIR,
  personEnv,
} from './binary.js';

const dir = mkdtempSync(join(tmpdir(), 'cpm-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake `codex` that prints a version: a .js file, so it runs through node on every platform. */
function fakeCodex(folder: string, version: string): string {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'codex.js');
  writeFileSync(file, `#!/usr/bin/env node\nconsole.log('codex-cli ${version}');\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('findCodexBinary', () => {
  it('prefers CODEX_PRO_MAX_CODEX_BIN and runs a .js wrapper through node', async () => {
    const file = fakeCodex(join(dir, 'pinned'), '0.200.1');
    const found = findCodexBinary({ CODEX_PRO_MAX_CODEX_BIN: file, PATH: '' });
    expect(found).toMatchObject({ path: file, source: 'env', command: process.execPath });
    const check = await checkCodexBinary({ CODEX_PRO_MAX_CODEX_BIN: file, PATH: '' });
    expect(check).toMatchObject({ ok: true, version: '0.200.1' });
  });

  it('explains a pinned path that does not exist', async () => {
    const check = await checkCodexBinary({ CODEX_PRO_MAX_CODEX_BIN: join(dir, 'missing'), PATH: '' });
    expect(check.ok).toBe(false);
    expect(check.problem).toContain('does not exist');
  });

  it('finds codex on PATH', () => {
    const folder = join(dir, 'path-bin');
    mkdirSync(folder, { recursive: true });
    const name = process.platform === 'win32' ? 'codex.exe' : 'codex';
    writeFileSync(join(folder, name), '');
    expect(findCodexBinary({ PATH: ['/nonexistent', folder].join(delimiter) })).toMatchObject({ path: join(folder, name), source: 'path' });
  });

  it("never picks the project's own node_modules/.bin codex, which npm scripts put first on PATH", () => {
    const name = process.platform === 'win32' ? 'codex.exe' : 'codex';
    const own = join(dir, 'project', 'node_modules', '.bin');
    const person = join(dir, 'person-bin');
    for (const folder of [own, person]) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, name), '');
    }
    const env = { PATH: [own, person].join(delimiter) };
    const found = findCodexBinary(env, own);
    expect(found).toMatchObject({ path: join(person, name), source: 'path', skipped: join(own, name) });
    // doctor says which one and why the project's own copy, first on PATH, was passed over.
    expect(found && howFound(found)).toBe(
      `the first codex on PATH after this project's own copy (${join(own, name)}), which npm scripts put first; that one is only for its tests and is never used`,
    );
    // However PATH spells that folder (a trailing separator, a symlink to the checkout).
    const link = join(dir, 'project-link');
    symlinkSync(join(dir, 'project'), link);
    expect(findCodexBinary({ PATH: [join(link, 'node_modules', '.bin'), person].join(delimiter) }, own)?.path).toBe(join(person, name));
    expect(findCodexBinary({ PATH: [`${own}${sep}`, person].join(delimiter) }, own)?.path).toBe(join(person, name));
    expect(howFound(findCodexBinary({ PATH: person }, own) as CodexBinary)).toBe('the first codex on PATH');
    expect(findCodexBinary({ PATH: own }, own)).toBeNull();
    // The real default: this checkout's own folder, where the devDependency's codex lives.
    expect(OWN_BIN_DIR).toBe(resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin'));
    expect(findCodexBinary({ PATH: OWN_BIN_DIR })).toBeNull();
  });

  it("gives a Codex started for the person their PATH, without the project's own node_modules/.bin", () => {
    const own = join(dir, 'project', 'node_modules', '.bin');
    mkdirSync(own, { recursive: true });
    const env = { PATH: [own, '/usr/bin', `${own}${sep}`, '/bin'].join(delimiter), HOME: '/home/me' };
    expect(personEnv(env, own)).toEqual({ PATH: ['/usr/bin', '/bin'].join(delimiter), HOME: '/home/me' });
    expect(env.PATH.split(delimiter)).toHaveLength(4); // the server's own env is left as it was
    // The default: this checkout's own folder.
    expect(personEnv({ PATH: [OWN_BIN_DIR, '/usr/bin'].join(delimiter), CODEX_HOME: '/h' })).toEqual({
      PATH: '/usr/bin',
      CODEX_HOME: '/h',
    });
    expect(personEnv({ Path: [OWN_BIN_DIR, 'C:\\bin'].join(delimiter) }).Path).toBe('C:\\bin');
  });

  it('refuses a codex older than the minimum, with an update command', async () => {
    const file = fakeCodex(join(dir, 'old'), '0.100.0');
    const check = await checkCodexBinary({ CODEX_PRO_MAX_CODEX_BIN: file });
    expect(check.ok).toBe(false);
    expect(check.problem).toContain(`needs ${MIN_CODEX_VERSION}`);
    expect(check.fix).toContain('npm install -g @openai/codex');
  });

  it('says how to install codex when it is nowhere', async () => {
    const check = await checkCodexBinary({ PATH: '/nonexistent', npm_config_prefix: join(dir, 'no-prefix') });
    // npm's real global folder may hold codex on a developer machine; only check the message when it is absent.
    if (!check.binary) expect(check.fix).toContain('npm install -g @openai/codex');
  });
});

describe('compareVersions', () => {
  it.each([
    ['0.169.0', '0.169.0', 0],
    ['0.170.0', '0.169.0', 1],
    ['0.99.1', '0.169.0', -1],
    ['1.0.0-alpha.1', '0.169.0', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});
