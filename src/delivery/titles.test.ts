import { describe, expect, it } from 'vitest';
import { type TitleSource, titleWins } from './titles.js';

const SOURCES: TitleSource[] = ['default', 'conclusion', 'prompt', 'codex', 'user'];

describe('titleWins', () => {
  it('ranks user > codex > prompt > conclusion > default; only user and codex replace their own kind', () => {
    const table = Object.fromEntries(SOURCES.map((offered) => [offered, SOURCES.filter((current) => titleWins(current, offered))]));
    expect(table).toEqual({
      default: [],
      conclusion: ['default'],
      prompt: ['default', 'conclusion'],
      codex: ['default', 'conclusion', 'prompt', 'codex'],
      user: ['default', 'conclusion', 'prompt', 'codex', 'user'],
    });
  });
});
