// A codex exec turn runs the person's commands, so its process gets their PATH: npm start puts this project's own
// node_modules/.bin first (its pinned codex, tsc, vite…), and that folder must not reach the turn.
import { delimiter } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWN_BIN_DIR } from '../binary.js';
import { startTurnProcess } from './process.js';

describe('startTurnProcess environment', () => {
  it("leaves this project's node_modules/.bin out of the turn's PATH and keeps the rest", async () => {
    const lines: string[] = [];
    const turn = startTurnProcess(
      { command: process.execPath, args: ['-e', 'console.log(JSON.stringify([process.env.PATH, process.env.CODEX_HOME]))'], stdin: '' },
      {
        cwd: process.cwd(),
        env: { PATH: [OWN_BIN_DIR, '/usr/bin', '/bin'].join(delimiter), CODEX_HOME: '/h' },
        onLine: (l) => lines.push(l),
      },
    );
    expect((await turn.done).code).toBe(0);
    expect(JSON.parse(lines[0] ?? 'null')).toEqual([['/usr/bin', '/bin'].join(delimiter), '/h']);
  });
});
