// The engines drive-mode tests run on: the exec engine (no daemon; `codex exec` per turn) on the oldest Codex, and the
// daemon engine (a real Codex daemon in the rig's CODEX_HOME) on every supported Codex. One daemon per describe block.
import { CODEX_VERSIONS, type CodexVersion, OLDEST_CODEX } from '../fixtures/codex-env.js';
import type { RigOptions } from './rig.js';

export interface EngineCase {
  engine: 'exec' | 'daemon';
  version: CodexVersion;
  /** For describe.each titles. */
  name: string;
}

const daemonCases: EngineCase[] =
  process.platform === 'win32'
    ? []
    : CODEX_VERSIONS.map((version) => ({ engine: 'daemon', version, name: `daemon engine, codex ${version}` }));

export const DRIVE_ENGINE_CASES: EngineCase[] = [
  { engine: 'exec', version: OLDEST_CODEX, name: `exec engine, codex ${OLDEST_CODEX}` },
  ...daemonCases,
];

/** The rig options for one case (merge the test's own on top). */
export function engineRig(c: EngineCase): Pick<RigOptions, 'codexVersion' | 'daemon'> {
  return { codexVersion: c.version, daemon: c.engine === 'daemon' };
}
