// doctor run the way `npm run doctor` runs it: npm puts this project's node_modules/.bin first on PATH, where the
// pinned devDependency's codex lives. doctor must report the person's own codex (here a stand-in 0.171.0 next in
// PATH), say why that one, and never the project's copy.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'codex-pro-max.js');
const OWN_BIN = join(ROOT, 'node_modules', '.bin');
const dir = mkdtempSync(join(tmpdir(), 'cpm-doctor-codex-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The person's codex: prints a version newer than the devDependency's, as the real 0.171.0 does. */
function personCodex(): string {
  const folder = join(dir, 'person-bin');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'codex');
  writeFileSync(file, `#!${process.execPath}\nconsole.log('codex-cli 0.171.0');\n`);
  chmodSync(file, 0o755);
  return file;
}

function doctor(path: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path, CODEX_HOME: join(dir, 'codex-home'), CODEX_PRO_MAX_ROOT: join(dir, 'root') };
  delete env.CODEX_PRO_MAX_CODEX_BIN;
  const out = spawnSync(process.execPath, [BIN, 'doctor', '--json'], { encoding: 'utf8', env, timeout: 30_000 });
  const report = JSON.parse(out.stdout) as { findings: { id: string; ok: boolean; message: string }[] };
  return report.findings.find((f) => f.id === 'codex');
}

describe.skipIf(process.platform === 'win32')('doctor names the codex it will use', () => {
  it("reports the person's codex after the project's own node_modules/.bin, and says why", () => {
    // The devDependency's codex really is there, first on PATH, as under npm run.
    expect(existsSync(join(OWN_BIN, 'codex'))).toBe(true);
    const person = personCodex();
    const finding = doctor([OWN_BIN, dirname(person), dirname(process.execPath)].join(delimiter));
    expect(finding?.ok).toBe(true);
    expect(finding?.message).toContain('Codex 0.171.0');
    expect(finding?.message).toContain(person);
    expect(finding?.message).toContain(`after this project's own copy (${join(OWN_BIN, 'codex')})`);
    expect(finding?.message).toContain('never used');
  });

  it("with only the project's own codex on PATH, doctor does not report that one as the person's", () => {
    const finding = doctor([OWN_BIN, join(dir, 'empty')].join(delimiter));
    // npm's global folder may hold a codex on a developer machine; the project's copy is never the answer.
    expect(finding?.message ?? '').not.toContain(OWN_BIN);
  });
});
