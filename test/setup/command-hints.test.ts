// Messages that tell the person to run one of our commands must give one that works where they are: the bare
// `codex-pro-max` is on PATH only after a global install, so messages say "npm start", "npm run setup" or
// "npx codex-pro-max open" and name the Codex Pro Max folder. Comments and --help usage lines may name the bare command.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../ui/web-build.js';

const FOLDERS = ['src', 'web/src', 'skill'];
const BARE = /(?<!npx )(?<![/.\w-])codex-pro-max (start|open|setup|doctor|uninstall)\b/;
// What config.toml carries as its marker comment, and the commands' own --help text.
const ALLOWED = [/^\s*(\/\/|\/\*|\*)/, /Usage: codex-pro-max/, /const START_NOTE =/, /help: `/];

function sourceFiles(dir: string): string[] {
  return (readdirSync(join(PROJECT_ROOT, dir), { recursive: true }) as string[])
    .filter((f) => /\.(ts|tsx|mjs|md)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes('generated'))
    .map((f) => join(dir, f));
}

/** Lines outside comments and help text that tell the person to run the bare command. */
function bareCommandLines(text: string): string[] {
  const lines = text.split('\n');
  // Inside a command's help template literal every line is usage text.
  let inHelp = false;
  return lines.filter((line) => {
    if (/help: `/.test(line)) inHelp = !/`,?\s*$/.test(line.slice(line.indexOf('help: `') + 7));
    else if (inHelp) {
      if (/`/.test(line)) inHelp = false;
      return false;
    }
    return BARE.test(line) && !ALLOWED.some((ok) => ok.test(line));
  });
}

describe('commands named in messages', () => {
  it('finds a bare command in a message, and not in a comment or help text', () => {
    expect(bareCommandLines(`throw new Error('Run "codex-pro-max open" for a new link.');`)).toHaveLength(1);
    expect(bareCommandLines(`<p>Run <code>codex-pro-max open</code></p>`)).toHaveLength(1);
    expect(bareCommandLines(`// \`codex-pro-max open\`: asks the server`)).toEqual([]);
    expect(bareCommandLines('  help: `Usage: codex-pro-max open [--print]\n"codex-pro-max setup" undoes it.\n`,')).toEqual([]);
    expect(bareCommandLines(`'Run "npx codex-pro-max open" in the Codex Pro Max folder.'`)).toEqual([]);
  });

  it('no message outside comments and --help tells the person to run the bare codex-pro-max', () => {
    const offenders = FOLDERS.flatMap(sourceFiles).flatMap((file) =>
      bareCommandLines(readFileSync(join(PROJECT_ROOT, file), 'utf8')).map((line) => `${file}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
