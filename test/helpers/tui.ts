// The real Codex TUI under a pseudo-terminal, its screen read back through a headless terminal emulator, so a test
// sees what a person at that terminal would see. Waits are on the screen changing, never on fixed sleeps.
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { type CodexVersion, codexBin, codexEnv } from '../fixtures/codex-env.js';
import { until } from './until.js';

export interface Tui {
  /** The whole screen (scrollback included) as text, trailing blanks trimmed. */
  screen(): string;
  /** Types text as keystrokes (no Enter). */
  type(text: string): void;
  enter(): void;
  /** Raw key bytes: `\x1b` Escape, `\x03` Ctrl+C, `y`… */
  press(keys: string): void;
  /** Resolves with the screen once `match` is on it. */
  waitFor(match: string | RegExp, timeoutMs?: number): Promise<string>;
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  kill(): void;
}

const COLS = 120;
const ROWS = 40;

export function startTui(opts: { version: CodexVersion; codexHome: string; cwd: string; args?: string[] }): Tui {
  const term = new xterm.Terminal({ cols: COLS, rows: ROWS, scrollback: 5000, allowProposedApi: true });
  const child = pty.spawn(codexBin(opts.version), [...(opts.args ?? ['-a', 'on-request', '-s', 'read-only']), '--no-alt-screen'], {
    cols: COLS,
    rows: ROWS,
    cwd: opts.cwd,
    env: codexEnv(opts.codexHome, { TERM: 'xterm-256color' }),
  });
  child.onData((d) => term.write(d));
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => child.onExit(resolve));
  const screen = () => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n').replace(/\s+$/, '');
  };
  return {
    screen,
    type: (text) => child.write(text),
    enter: () => child.write('\r'),
    press: (keys) => child.write(keys),
    waitFor: (match, timeoutMs = 30_000) =>
      until(
        `the TUI to show ${match}`,
        () => {
          const text = screen();
          return (typeof match === 'string' ? text.includes(match) : match.test(text)) ? text : undefined;
        },
        timeoutMs,
      ),
    exited,
    kill: () => {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}
