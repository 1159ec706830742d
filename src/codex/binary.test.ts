// Finding codex: the env override, PATH, wrappers run through node, version parsing and the minimum version.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCodexBinary, compareVersions, findCodexBinary, MIN_CODEX_VERSION, OWN_BIN_DIR } from './binary.js';

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
    expect(findCodexBinary(env, own)).toMatchObject({ path: join(person, name), source: 'path' });
    expect(findCodexBinary({ PATH: own }, own)).toBeNull();
    // The real default: this checkout's own folder, where the devDependency's codex lives.
    expect(OWN_BIN_DIR).toBe(resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin'));
    expect(findCodexBinary({ PATH: OWN_BIN_DIR })).toBeNull();
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
